namespace EvalHarness.Tests.Baselines;

/// <summary>
/// The repository's own conventions for baseline and snapshot files, as Verify checks them: received files are never committed, and
/// verified files and baselines keep UTF-8 and LF on every platform so their diffs stay minimal.
/// </summary>
public sealed class SnapshotConventionTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvalHarness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EvalHarness.sln not found above " + AppContext.BaseDirectory);
    }

    private static string[] Lines(string file) => File.ReadAllLines(Path.Combine(Root, file)).Select(l => l.Trim()).ToArray();

    [Fact]
    public void GitIgnoresReceivedFiles() => Assert.Contains("*.received.*", Lines(".gitignore"));

    [Theory]
    [InlineData("*.verified.txt")]
    [InlineData("*.verified.json")]
    [InlineData("*.baseline.json")]
    public void GitKeepsVerifiedFilesAsUtf8WithLf(string pattern)
    {
        var line = Assert.Single(Lines(".gitattributes"), l => l.StartsWith(pattern + " ", StringComparison.Ordinal));

        Assert.Contains("text", line.Split(' '));
        Assert.Contains("eol=lf", line.Split(' '));
    }

    [Fact]
    public void EditorsKeepSnapshotsExactlyAsWritten()
    {
        var lines = Lines(".editorconfig");
        var start = Array.FindIndex(lines, l => l.StartsWith('[') && l.Contains("verified.txt", StringComparison.Ordinal) && l.Contains("received.txt", StringComparison.Ordinal));
        Assert.True(start >= 0, ".editorconfig has no section for *.verified.txt and *.received.txt");
        var section = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith('[')).ToArray();

        Assert.Contains("charset = utf-8", section);
        Assert.Contains("end_of_line = lf", section);
        Assert.Contains("insert_final_newline = false", section);
        Assert.Contains("trim_trailing_whitespace = false", section);
    }
}
