using EvalHarness.Running;

namespace EvalHarness.Reporting;

/// <summary>Writes a run's results in one format. Adding a format is adding one exporter.</summary>
public interface IResultsExporter
{
    /// <summary>The file name inside the run folder, for example <c>results.json</c>.</summary>
    string FileName { get; }

    /// <summary>Writes <paramref name="run"/> to <paramref name="stream"/> (UTF-8, LF).</summary>
    void Export(RunResult run, Stream stream);
}
