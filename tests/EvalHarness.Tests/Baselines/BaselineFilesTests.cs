using EvalHarness.Baselines;

namespace EvalHarness.Tests.Baselines;

public sealed class BaselineFilesTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData("refund-policy", "refund-policy")]
    [InlineData("log_0001", "log_0001")]
    [InlineData("a/b?c", "a_b_c-")]
    [InlineData("Refund", "Refund-")]
    [InlineData("con", "con-")]
    [InlineData("", "-")]
    public void CaseIdsBecomeSafeFileNames(string id, string expectedPrefix)
    {
        var name = BaselineFiles.CaseFileName(id);

        Assert.StartsWith(expectedPrefix, name, StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_-]+$", name);
        Assert.Equal(expectedPrefix == id ? id.Length : expectedPrefix.Length + 8, name.Length);
    }

    [Fact]
    public void IdsThatSanitiseAlikeStillGetDifferentNames()
    {
        Assert.NotEqual(BaselineFiles.CaseFileName("a/b"), BaselineFiles.CaseFileName("a?b"));
        Assert.NotEqual(BaselineFiles.CaseFileName("Case"), BaselineFiles.CaseFileName("case"));
        Assert.True(BaselineFiles.CaseFileName(new string('x', 500)).Length <= 80);
    }

    [Fact]
    public void AcceptMovesReceivedFilesOverVerifiedOnes()
    {
        var dir = Path.Combine(_workspace.Root, "baselines");
        _workspace.Write("baselines/faq.baseline.json", "old");
        _workspace.Write("baselines/faq.baseline.received.json", "new");
        _workspace.Write("baselines/faq.q1.received.txt", "answer");
        _workspace.Write("baselines/other.baseline.received.json", "someone else's");

        var accepted = BaselineFiles.Accept(dir, "faq");

        Assert.Equal([Path.Combine(dir, "faq.baseline.json"), Path.Combine(dir, "faq.q1.verified.txt")], accepted.Order(StringComparer.Ordinal));
        Assert.Equal("new", File.ReadAllText(Path.Combine(dir, "faq.baseline.json")));
        Assert.Equal("answer", File.ReadAllText(Path.Combine(dir, "faq.q1.verified.txt")));
        Assert.Empty(BaselineFiles.Received(dir, "faq"));
        Assert.True(File.Exists(Path.Combine(dir, "other.baseline.received.json")));
    }

    [Fact]
    public void RejectDeletesOnlyReceivedFiles()
    {
        var dir = Path.Combine(_workspace.Root, "baselines");
        _workspace.Write("baselines/faq.baseline.json", "verified");
        _workspace.Write("baselines/faq.baseline.received.json", "new");
        _workspace.Write("baselines/faq.q1.received.txt", "answer");

        var rejected = BaselineFiles.Reject(dir, "faq");

        Assert.Equal(2, rejected.Count);
        Assert.Equal(["faq.baseline.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void AMissingFolderHasNothingToAccept()
    {
        Assert.Empty(BaselineFiles.Accept(Path.Combine(_workspace.Root, "nowhere"), "faq"));
        Assert.Empty(BaselineFiles.VerifiedSnapshots(Path.Combine(_workspace.Root, "nowhere"), "faq"));
    }

    [Fact]
    public void ReceivedNamesMapToVerifiedNames()
    {
        Assert.Equal(Path.Combine("d", "s.baseline.json"), BaselineFiles.VerifiedFor(Path.Combine("d", "s.baseline.received.json"), "s"));
        Assert.Equal(Path.Combine("d", "s.case-1.verified.txt"), BaselineFiles.VerifiedFor(Path.Combine("d", "s.case-1.received.txt"), "s"));
        Assert.Null(BaselineFiles.VerifiedFor(Path.Combine("d", "s.baseline.json"), "s"));
        Assert.Null(BaselineFiles.VerifiedFor(Path.Combine("d", "t.case-1.received.txt"), "s"));
    }
}
