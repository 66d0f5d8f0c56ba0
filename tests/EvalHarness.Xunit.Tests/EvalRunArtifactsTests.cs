using System.Text.Json.Nodes;
using EvalHarness.Running;

namespace EvalHarness.Xunit.Tests;

public sealed class EvalRunArtifactsTests : IDisposable
{
    private const string Suite = """
        name: faq
        dataset: ../../datasets/data.jsonl
        mapping: { input: question }
        metrics:
          - contains: { value: "refund" }
        """;

    private readonly TempSuite _suite = new(Suite, """{"id":"a","question":"q1"}""", """{"id":"b","question":"q2"}""");
    private readonly ScriptedTarget _bot = new(new Dictionary<string, string> { ["a"] = "a refund", ["b"] = "no" });
    private readonly SuiteSessions _sessions = new(path => SuiteSession.Load(path, TempSuite.Options()));

    public void Dispose() => _suite.Dispose();

    private EvalRunArtifacts Fixture(string? artifacts) => new(_sessions, name => name == "EVALHARNESS_ARTIFACTS" ? artifacts : null);

    private string[] RunFolders(string artifacts) =>
        [.. Directory.GetDirectories(artifacts).Select(Path.GetFileName).Where(n => n != "latest").Order()!];

    [Fact]
    public async Task WritesResultsAndSummaryOnceWhenTheTestAssemblyFinishes()
    {
        var artifacts = Path.Combine(_suite.Root, "out", "evals");
        var fixture = Fixture("out/evals");
        await _sessions.Get(_suite.SuiteFile).RunAllAsync(_bot.Target, TestContext.Current.CancellationToken);
        Assert.False(Directory.Exists(artifacts));

        await fixture.DisposeAsync();
        await fixture.DisposeAsync();

        var run = Assert.Single(RunFolders(artifacts));
        Assert.Equal(Path.Combine(artifacts, run), fixture.RunFolder);
        Assert.True(File.Exists(Path.Combine(artifacts, run, "summary.md")));
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(artifacts, "latest", "results.json")))!;
        var suite = Assert.Single(results["suites"]!.AsArray())!;
        Assert.Equal("faq", suite["name"]!.GetValue<string>());
        Assert.Equal(["a:pass", "b:fail"], suite["cases"]!.AsArray().Select(c => c!["id"] + ":" + c["verdict"]));
    }

    [Fact]
    public async Task ASuiteOfWhichOnlySomeCasesRanIsWrittenWithThoseCases()
    {
        var artifacts = Path.Combine(_suite.Root, "out");
        var fixture = Fixture(artifacts);
        await _sessions.Get(_suite.SuiteFile).RunCaseAsync("b", _bot.Target, TestContext.Current.CancellationToken);

        await fixture.DisposeAsync();

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(fixture.RunFolder!, "results.json")))!;
        Assert.Equal(["b"], results["suites"]![0]!["cases"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task NothingIsWrittenWhenNoCaseRan()
    {
        var artifacts = Path.Combine(_suite.Root, "out");
        _ = _sessions.Get(_suite.SuiteFile).ReadEntries().ToList();
        var fixture = Fixture(artifacts);

        await fixture.DisposeAsync();

        Assert.Null(fixture.RunFolder);
        Assert.False(Directory.Exists(artifacts));
    }
}
