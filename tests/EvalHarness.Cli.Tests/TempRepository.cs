namespace EvalHarness.Cli.Tests;

/// <summary>A throwaway repository folder for one test: files written relative to it, deleted afterwards.</summary>
internal sealed class TempRepository : IDisposable
{
    public TempRepository(string prefix)
    {
        Root = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Artifacts => Path.Combine(Root, "artifacts", "evals");

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Write(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process the test started may still hold a file for a moment; a leftover temp folder is not worth failing a test over.
        }
    }
}
