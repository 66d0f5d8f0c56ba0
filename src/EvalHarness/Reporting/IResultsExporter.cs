namespace EvalHarness.Reporting;

/// <summary>Writes a run's report in one format. Adding a format is adding one exporter (see <see cref="ReportFormats"/>).</summary>
/// <example>
/// <code>
/// var report = RunReport.Create(run);
/// using var file = File.Create("report.html");
/// new HtmlReportExporter().Export(report, file);
/// </code>
/// </example>
public interface IResultsExporter
{
    /// <summary>The format's short name, as <c>evalharness report --format</c> takes it: <c>json</c>, <c>csv</c>, <c>md</c> or <c>html</c>.</summary>
    string Format { get; }

    /// <summary>The file name inside the run folder, for example <c>results.json</c>.</summary>
    string FileName { get; }

    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/> (UTF-8 without a byte-order mark, LF line ends).</summary>
    void Export(RunReport report, Stream stream);
}
