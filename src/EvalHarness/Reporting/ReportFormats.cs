namespace EvalHarness.Reporting;

/// <summary>The built-in exporters, and lookup by format name.</summary>
public static class ReportFormats
{
    /// <summary>Every built-in exporter: <c>results.json</c>, <c>summary.md</c>, <c>results.csv</c>, <c>report.html</c>.</summary>
    public static IReadOnlyList<IResultsExporter> All { get; } =
        [new JsonResultsExporter(), new MarkdownSummaryExporter(), new CsvResultsExporter(), new HtmlReportExporter()];

    /// <summary>The format names, for help texts: <c>json</c>, <c>md</c>, <c>csv</c>, <c>html</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(e => e.Format).ToArray();

    /// <summary>The exporter for <paramref name="format"/> (case-insensitive; <c>markdown</c> is accepted for <c>md</c>), or null.</summary>
    public static IResultsExporter? Find(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var name = format.Trim().ToLowerInvariant() switch
        {
            "markdown" => "md",
            var other => other,
        };
        return All.FirstOrDefault(e => e.Format == name);
    }
}
