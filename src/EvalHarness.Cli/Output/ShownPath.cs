namespace EvalHarness.Cli.Output;

/// <summary>Paths as the user would type them: relative to the current folder when below it, else full; '/' separators.</summary>
internal static class ShownPath
{
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative).Replace('\\', '/');
    }
}
