namespace EvalHarness.Cli.Commands;

/// <summary>Expands command-line suite arguments: files stay as given, folders become every <c>suite.yaml</c> below them, sorted.</summary>
internal static class SuiteFiles
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                files.AddRange(Directory.EnumerateFiles(argument, "suite.yaml", SearchOption.AllDirectories)
                    .Concat(Directory.EnumerateFiles(argument, "suite.yml", SearchOption.AllDirectories))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                // A missing file is reported by the loader as EVH001 with its path, like any other suite error.
                files.Add(argument);
            }
        }

        return files;
    }
}
