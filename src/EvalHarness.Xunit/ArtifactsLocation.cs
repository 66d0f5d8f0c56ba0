namespace EvalHarness.Xunit;

/// <summary>
/// Where a test run writes its artifacts. Tests run from a <c>bin</c> folder, so the current directory is no guide: paths are resolved
/// against the repository that holds the suite files instead.
/// </summary>
internal static class ArtifactsLocation
{
    /// <summary>The default of <c>EVALHARNESS_ARTIFACTS</c>.</summary>
    public const string DefaultDirectory = "artifacts/evals";

    /// <summary>The artifacts folder: <paramref name="configured"/> when absolute, else it (or <see cref="DefaultDirectory"/>) under <see cref="BaseDirectory"/>.</summary>
    public static string Resolve(IReadOnlyList<string> suiteFiles, string? configured)
    {
        var directory = string.IsNullOrWhiteSpace(configured) ? DefaultDirectory : configured.Trim();
        return Path.GetFullPath(Path.IsPathRooted(directory) ? directory : Path.Combine(BaseDirectory(suiteFiles), directory));
    }

    /// <summary>
    /// The folder relative artifact paths start from: the nearest folder holding <c>.git</c> above the suite files' common folder; else
    /// the folder holding their <c>eval-suites</c> folder; else their common folder; the current directory when there are no suites.
    /// </summary>
    public static string BaseDirectory(IReadOnlyList<string> suiteFiles)
    {
        if (suiteFiles.Count == 0)
        {
            return Environment.CurrentDirectory;
        }

        var common = CommonDirectory(suiteFiles.Select(f => Path.GetDirectoryName(Path.GetFullPath(f))!));
        for (var dir = new DirectoryInfo(common); dir is not null; dir = dir.Parent)
        {
            // .git is a folder in a clone and a file in a worktree or submodule.
            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return dir.FullName;
            }
        }

        for (var dir = new DirectoryInfo(common); dir is not null; dir = dir.Parent)
        {
            if (dir.Name == "eval-suites" && dir.Parent is not null)
            {
                return dir.Parent.FullName;
            }
        }

        return common;
    }

    private static string CommonDirectory(IEnumerable<string> directories)
    {
        string? common = null;
        foreach (var directory in directories)
        {
            common = common is null ? directory : Common(common, directory);
        }

        return common!;
    }

    private static string Common(string a, string b)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        for (var dir = new DirectoryInfo(a); dir is not null; dir = dir.Parent)
        {
            var prefix = Path.TrimEndingDirectorySeparator(dir.FullName);
            if (string.Equals(prefix, Path.TrimEndingDirectorySeparator(b), comparison) ||
                b.StartsWith(prefix + Path.DirectorySeparatorChar, comparison) || prefix.Length == Path.GetPathRoot(prefix)?.Length && b.StartsWith(prefix, comparison))
            {
                return dir.FullName;
            }
        }

        return Path.GetPathRoot(a)!;
    }
}
