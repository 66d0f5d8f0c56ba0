using EvalHarness.Running;

namespace EvalHarness.Reporting;

/// <summary>
/// Writes a run's artifacts to <c>&lt;artifacts&gt;/&lt;run-id&gt;/</c> (each file written to a temporary name, then renamed) and points
/// <c>&lt;artifacts&gt;/latest</c> at it: a symbolic link where the file system allows one, else a copy of the folder.
/// </summary>
public static class ArtifactWriter
{
    /// <summary>The exporters every run writes.</summary>
    public static IReadOnlyList<IResultsExporter> DefaultExporters { get; } = [new JsonResultsExporter(), new MarkdownSummaryExporter()];

    /// <summary>Writes the artifacts.</summary>
    /// <param name="run">The run.</param>
    /// <param name="artifactsDirectory">The artifacts root, for example <c>artifacts/evals</c>.</param>
    /// <param name="exporters">The formats to write; <see cref="DefaultExporters"/> when null.</param>
    /// <returns>The run folder's full path.</returns>
    public static string Write(RunResult run, string artifactsDirectory, IReadOnlyList<IResultsExporter>? exporters = null)
    {
        var root = Path.GetFullPath(artifactsDirectory);
        var folder = Path.Combine(root, run.RunId);
        Directory.CreateDirectory(folder);
        foreach (var exporter in exporters ?? DefaultExporters)
        {
            var path = Path.Combine(folder, exporter.FileName);
            var temp = path + ".tmp";
            using (var stream = File.Create(temp))
            {
                exporter.Export(run, stream);
            }

            File.Move(temp, path, overwrite: true);
        }

        PointLatest(root, folder, run.RunId);
        return folder;
    }

    private static void PointLatest(string root, string folder, string runId)
    {
        var latest = Path.Combine(root, "latest");
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
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // Windows without the symlink privilege: fall back to a copy so 'latest' still holds the newest run.
            Directory.CreateDirectory(latest);
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                File.Copy(file, Path.Combine(latest, Path.GetFileName(file)), overwrite: true);
            }
        }
    }
}
