using System.Text.Json.Nodes;
using Acme.Support;
using EvalHarness.Targets;
using Microsoft.Extensions.AI;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// The baseline workflow on a temporary copy of the support-faq example suite with the real SupportBot: propose, accept, gate a worse
/// bot (fails with metric, delta, interval, p, cases and the accept command), reject, gate a noisier bot (never regressed), and compare
/// runs from the command line.
/// </summary>
public sealed class BaselineCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "evh-baseline-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly SupportBot _bot = new();

    public BaselineCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "eval-suites", "support-faq"));
        Directory.CreateDirectory(Path.Combine(_root, "datasets"));
        File.Copy(Path.Combine(RepositoryRoot.Path, "datasets", "support-faq.jsonl"), Path.Combine(_root, "datasets", "support-faq.jsonl"));
        var suite = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "eval-suites", "support-faq", "suite.yaml"));
        // The example suite gates on regressions against its own committed baseline; this copy starts without one.
        Assert.Contains("  regression: { alpha: 0.05, margin: 0.02 }", suite, StringComparison.Ordinal);
        File.WriteAllText(SuiteFile, suite);
    }

    private string SuiteFile => Path.Combine(_root, "eval-suites", "support-faq", "suite.yaml");

    private string Baselines => Path.Combine(_root, "eval-suites", "support-faq", "baselines");

    private string Artifacts => Path.Combine(_root, "artifacts");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task<(int ExitCode, string Output, string Error)> Run(Func<EvalCase, CancellationToken, Task<ChatResponse>> target) =>
        CliRunner.RunAsync(["run", SuiteFile], new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = Artifacts, ["EVALHARNESS_MODE"] = "replay" },
            new Dictionary<string, IEvalTarget> { ["support-faq"] = new DelegateTarget(target) });

    private Task<ChatResponse> Bot(EvalCase c, CancellationToken ct) => _bot.AnswerAsync(c.Input, ct);

    private static Task<ChatResponse> Say(string text) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));

    private JsonArray LatestCases() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Artifacts, "latest", "results.json")))!["suites"]![0]!["cases"]!.AsArray();

    private async Task AcceptTheBotAsBaseline()
    {
        await Run(Bot);
        var (code, output, _) = await CliRunner.RunAsync(["accept", Path.Combine(_root, "eval-suites")]);
        Assert.Equal(0, code);
        Assert.EndsWith("support-faq.baseline.json\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFirstRunProposesABaselineThatAcceptMakesVerified()
    {
        var (_, output, _) = await Run(Bot);

        // Locally the missing baseline is inconclusive; with CI set it fails — either way the proposal is written.
        Assert.Contains("gate baseline: ", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Baselines, "support-faq.baseline.received.json")));

        var (code, accepted, _) = await CliRunner.RunAsync(["accept", "--suite", "support-faq", Path.Combine(_root, "eval-suites")]);

        Assert.Equal(0, code);
        Assert.StartsWith("accepted ", accepted, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Baselines, "support-faq.baseline.json")));
        Assert.False(File.Exists(Path.Combine(Baselines, "support-faq.baseline.received.json")));

        var (again, rerun, _) = await Run(Bot);
        Assert.Equal(0, again);
        Assert.Contains("gate baseline: pass — matches ", rerun, StringComparison.Ordinal);
        Assert.Contains("gate regression: pass — no regression against ", rerun, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWorseBotFailsTheGateWithTheFiguresAndTheCasesThatRegressed()
    {
        await AcceptTheBotAsBaseline();
        var passing = LatestCases().Where(c => c!["verdict"]!.GetValue<string>() == "pass").Select(c => c!["id"]!.GetValue<string>()).ToList();
        var broken = passing.Where((_, i) => i % 3 == 0).ToHashSet();

        // A third of the passing answers become the bot's "don't know" answer: still polite and well-formed, but without the facts.
        var (code, output, _) = await Run((c, ct) => broken.Contains(c.Id) ? Say(SupportBot.DontKnowAnswer) : Bot(c, ct));

        Assert.Equal(1, code);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("gate regression.keywords: fail", StringComparison.Ordinal));
        Assert.Contains("keywords: regressed: pass rate ", line, StringComparison.Ordinal);
        Assert.Contains("(Δ −", line, StringComparison.Ordinal);
        Assert.Contains("95% CI −", line, StringComparison.Ordinal);
        Assert.Contains("McNemar exact mid-p p ", line, StringComparison.Ordinal);
        Assert.Contains("worse: " + broken.Order(StringComparer.Ordinal).First(), line, StringComparison.Ordinal);
        Assert.Contains("; if intended: evalharness accept ", line, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Baselines, "support-faq.baseline.received.json")));

        var (rejected, rejectOutput, _) = await CliRunner.RunAsync(["reject", SuiteFile]);
        Assert.Equal(0, rejected);
        Assert.StartsWith("deleted ", rejectOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Baselines, "support-faq.baseline.received.json")));
        Assert.True(File.Exists(Path.Combine(Baselines, "support-faq.baseline.json")));
    }

    [Fact]
    public async Task ABotThatIsNoisierButNotWorseIsNeverRegressed()
    {
        await AcceptTheBotAsBaseline();
        var cases = LatestCases();
        string[] Ids(string verdict) => cases.Where(c => c!["verdict"]!.GetValue<string>() == verdict).Select(c => c!["id"]!.GetValue<string>()).Take(2).ToArray();
        var worse = Ids("pass");
        var better = Ids("fail");

        // Two answers get worse, two get better (the reference answer appended): noise, not a decline.
        var (code, output, _) = await Run(async (c, ct) =>
            worse.Contains(c.Id) ? await Say(SupportBot.DontKnowAnswer)
            : better.Contains(c.Id) ? await Say((await Bot(c, ct)).Text + " " + c.Expected)
            : await Bot(c, ct));

        Assert.Equal(0, code);
        Assert.DoesNotContain("regressed", output, StringComparison.Ordinal);
        Assert.Matches("gate regression.keywords: (pass|inconclusive) — ", output);
    }

    [Fact]
    public async Task CompareReportsTheStatisticsBetweenABaselineAndARun()
    {
        await AcceptTheBotAsBaseline();
        var baseline = Path.Combine(Baselines, "support-faq.baseline.json");
        var same = await CliRunner.RunAsync(["compare", baseline, Path.Combine(Artifacts, "latest")]);

        await Run((c, ct) => c.Id.Length % 2 == 0 ? Say("Sorry.") : Bot(c, ct));
        var worse = await CliRunner.RunAsync(["compare", baseline, Path.Combine(Artifacts, "latest", "results.json"), "--margin", "0.02"]);

        Assert.Equal(0, same.ExitCode);
        Assert.StartsWith("support-faq: pass (α 0.05, margin 0, Holm across ", same.Output, StringComparison.Ordinal);
        Assert.Equal(1, worse.ExitCode);
        Assert.StartsWith("support-faq: regressed (α 0.05, margin 0.02, ", worse.Output, StringComparison.Ordinal);
        Assert.Contains("  regressed    keywords: regressed: ", worse.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandsNameWhatTheyCannotFind()
    {
        var unknown = await CliRunner.RunAsync(["accept", "--suite", "nope", Path.Combine(_root, "eval-suites")]);
        var nothing = await CliRunner.RunAsync(["reject", Path.Combine(_root, "eval-suites")]);
        var missing = await CliRunner.RunAsync(["compare", Path.Combine(_root, "a.baseline.json"), Path.Combine(_root, "b.baseline.json")]);

        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("evalharness: no suite named 'nope' in ", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("(found: support-faq)", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(0, nothing.ExitCode);
        Assert.Equal("nothing to reject: no received files\n", nothing.Output.ReplaceLineEndings("\n"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("a.baseline.json: no such file", missing.Error, StringComparison.Ordinal);
    }
}
