namespace EvalHarness.Xunit.Tests;

public sealed class ArtifactsLocationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "evh-location-" + Guid.NewGuid().ToString("N")[..12]);

    public ArtifactsLocationTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "repo", "eval-suites", "faq"));
        Directory.CreateDirectory(Path.Combine(_root, "repo", "eval-suites", "logs"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string[] Suites => [Path.Combine(_root, "repo", "eval-suites", "faq", "suite.yaml"), Path.Combine(_root, "repo", "eval-suites", "logs", "suite.yaml")];

    [Fact]
    public void RelativePathsStartAtTheRepositoryHoldingTheSuites()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));

        Assert.Equal(Path.Combine(_root, "artifacts", "evals"), ArtifactsLocation.Resolve(Suites, configured: null));
        Assert.Equal(Path.Combine(_root, "ci", "evals"), ArtifactsLocation.Resolve(Suites, "ci/evals"));
    }

    [Fact]
    public void AGitFileMarksAWorktreeRoot()
    {
        File.WriteAllText(Path.Combine(_root, "repo", ".git"), "gitdir: /elsewhere/.git/worktrees/repo\n");

        Assert.Equal(Path.Combine(_root, "repo", "artifacts", "evals"), ArtifactsLocation.Resolve(Suites, configured: "  "));
    }

    [Fact]
    public void WithoutARepositoryTheFolderHoldingEvalSuitesIsTheBase()
    {
        Assert.Equal(Path.Combine(_root, "repo"), ArtifactsLocation.BaseDirectory(Suites));
        Assert.Equal(Path.Combine(_root, "repo"), ArtifactsLocation.BaseDirectory([Suites[0]]));
    }

    [Fact]
    public void AnAbsolutePathIsUsedAsItIs()
    {
        var elsewhere = Path.Combine(_root, "elsewhere");

        Assert.Equal(elsewhere, ArtifactsLocation.Resolve(Suites, elsewhere));
    }
}
