using System.Runtime.ExceptionServices;
using EvalHarness.Running;

namespace EvalHarness.Reporting;

/// <summary>
/// Writes a run's artifacts to <c>&lt;artifacts&gt;/&lt;run-id&gt;/</c> (each file written to a temporary name, then renamed), appends the
/// run to <c>&lt;artifacts&gt;/history.jsonl</c>, and points <c>&lt;artifacts&gt;/latest</c> at the run folder: a symbolic link where the
/// file system allows one, else a copy of the folder.
/// </summary>
public static class ArtifactWriter
{
    /// <summary>The exporters every run writes: <c>results.json</c>, <c>summary.md</c>, <c>results.csv</c> and <c>report.html</c>.</summary>
    public static IReadOnlyList<IResultsExporter> DefaultExporters => ReportFormats.All;

    /// <summary>Writes the artifacts.</summary>
    /// <param name="run">The run.</param>
    /// <param name="artifactsDirectory">The artifacts root, for example <c>artifacts/evals</c>.</param>
    /// <param name="exporters">The formats to write; <see cref="DefaultExporters"/> when null.</param>
    /// <returns>The run folder's full path.</returns>
    public static string Write(RunResult run, string artifactsDirectory, IReadOnlyList<IResultsExporter>? exporters = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var root = Path.GetFullPath(artifactsDirectory);
        var folder = Path.Combine(root, run.RunId);
        Directory.CreateDirectory(folder);
        var historyPath = Path.Combine(root, RunHistory.FileName);
        var report = RunReport.Create(run, RunHistory.Read(historyPath));
        Export(report, folder, exporters ?? DefaultExporters);
        RunHistory.Append(historyPath, report.Entry);
        PointLatest(root, folder, run.RunId);
        return folder;
    }

    /// <summary>
    /// Renders a one-case run through every exporter into nothing, so the code that writes the artifacts is compiled while the run's cases
    /// are still waiting on the model: start it on a spare thread when the run starts (the CLI does), and writing the real artifacts at
    /// the end no longer pays for that compilation. Never throws.
    /// </summary>
    public static void WarmUp()
    {
        try
        {
            var sample = new CaseResult
            {
                Id = "warm-up", Line = 1, Input = "q", Output = "a", Verdict = Verdict.Pass,
                Metrics = [MetricResult.FromCheck("contains", passed: true, "output contains \"a\"")],
                Measurements = new CallMeasurements { LatencyMs = 1, TimeToFirstTokenMs = 1, ModelId = "m" },
            };
            var suite = new SuiteResult { Name = "warm-up", File = "warm-up.yaml", Cases = [sample], Gate = new GateResult(Verdict.Pass, []) };
            var report = RunReport.Create(new RunResult { RunId = "warm-up", Suites = [suite] });
            foreach (var exporter in DefaultExporters)
            {
                exporter.Export(report, Stream.Null);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Only an optimisation: the real export reports any real problem.
        }
    }

    /// <summary>Writes <paramref name="report"/> in each format into <paramref name="folder"/> (temporary name, then rename).</summary>
    /// <remarks>
    /// The exporters run at the same time, each on its own file, sharing the read-only <paramref name="report"/>. When one throws, the
    /// others still finish, its temporary file is removed, and the first failure (in <paramref name="exporters"/> order) is rethrown.
    /// </remarks>
    /// <returns>The files written, in <paramref name="exporters"/> order.</returns>
    public static IReadOnlyList<string> Export(RunReport report, string folder, IReadOnlyList<IResultsExporter> exporters)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(exporters);
        Directory.CreateDirectory(folder);
        var paths = exporters.Select(e => Path.Combine(folder, e.FileName)).ToArray();
        var failures = new ExceptionDispatchInfo?[exporters.Count];
        if (exporters.Count == 1)
        {
            failures[0] = ExportOne(report, exporters[0], paths[0]);
        }
        else
        {
            // At 100k cases writing the four files one after another was over half the run; they only read the report, so they can overlap.
            Parallel.For(0, exporters.Count, i => failures[i] = ExportOne(report, exporters[i], paths[i]));
        }

        foreach (var failure in failures)
        {
            failure?.Throw();
        }

        return paths;
    }

    private static ExceptionDispatchInfo? ExportOne(RunReport report, IResultsExporter exporter, string path)
    {
        var temp = path + ".tmp";
        try
        {
            using (var stream = File.Create(temp))
            {
                exporter.Export(report, stream);
            }

            File.Move(temp, path, overwrite: true);
            return null;
        }
        catch (Exception ex)
        {
            // A half-written file must never be mistaken for a result; the caller sees the exception once every exporter is done.
            TryDelete(temp);
            return ExceptionDispatchInfo.Capture(ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original failure is the one worth reporting.
        }
    }

    private static void PointLatest(string root, string folder, string runId)
    {
        var latest = Path.Combine(root, "latest");
        for (var attempt = 1; ; attempt++)
        {
            var info = new DirectoryInfo(latest);
            if (info.LinkTarget is not null || File.Exists(latest))
            {
                File.Delete(latest);
            }
            else if (info.Exists)
            {
                info.Delete(recursive: true);
            }

            try
            {
                Directory.CreateSymbolicLink(latest, runId);
                return;
            }
            catch (IOException) when (attempt < 10 && new DirectoryInfo(latest).LinkTarget is not null)
            {
                // A parallel shard made 'latest' between our delete and create: replace its link, never copy files through it into its run.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                if (new DirectoryInfo(latest).LinkTarget is not null)
                {
                    // Still another writer's link after every retry: it points at a complete run, so leave it rather than write through it.
                    return;
                }

                // Windows without the symlink privilege: fall back to a copy so 'latest' still holds the newest run.
                Directory.CreateDirectory(latest);
                foreach (var file in Directory.EnumerateFiles(folder))
                {
                    File.Copy(file, Path.Combine(latest, Path.GetFileName(file)), overwrite: true);
                }

                return;
            }
        }
    }
}
