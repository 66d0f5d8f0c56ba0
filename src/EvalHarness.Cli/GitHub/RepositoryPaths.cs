namespace EvalHarness.Cli.GitHub;

/// <summary>
/// Turns the paths a run recorded (relative to the folder it ran in, or full) into repository-relative paths with '/' separators, as
/// annotations need them: relative to <c>GITHUB_WORKSPACE</c> when the file is below it, else to the current folder, else left as given.
/// </summary>
internal sealed class RepositoryPaths(string? workspace, string currentDirectory)
{
    public string Relative(string path)
    {
        if (path.Length == 0)
        {
            return path;
        }

        var full = Path.GetFullPath(path, currentDirectory);
        foreach (var root in new[] { workspace, currentDirectory })
        {
            if (string.IsNullOrEmpty(root))
            {
                continue;
            }

            var relative = Path.GetRelativePath(Path.GetFullPath(root), full);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                return relative.Replace('\\', '/');
            }
        }

        return path.Replace('\\', '/');
    }

    /// <summary>The full path of a recorded path, resolved against the current folder.</summary>
    public string Full(string path) => path.Length == 0 ? currentDirectory : Path.GetFullPath(path, currentDirectory);
}
