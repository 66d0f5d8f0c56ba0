using System.Globalization;
using EvalHarness.Cli.GitHub;
using EvalHarness.Targets;
using Microsoft.Extensions.AI;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// <c>summary --github</c> as a GitHub Actions step runs it: the step summary is appended to the file <c>GITHUB_STEP_SUMMARY</c> names, and
/// annotations point at the dataset lines of failing and regressed cases and at the gate rule in the suite file, relative to the workspace.
/// </summary>
public sealed class SummaryCommandTests : IDisposable
{
    private readonly TempRepository _repo = new("evh-summary");

    public void Dispose() => _repo.Dispose();

    private static readonly string[] Rows =
    [
        """{"id":"a","input":"q1","out":"A refund takes 30 days."}""",
        """{"id":"b","input":"q2","out":"no idea"}""",
        """{"id":"c","input":"q3","out":"Refunds go to your card: refund."}""",
        """{"id":"d","input":"q4","out":"line one\n::error::injected, 100%"}""",
        """{"id":"e","input":"q5","out":"refund approved"}""",
    ];

    private const string SuiteText = """
        name: s
        dataset: ../../datasets/data.jsonl
        target: { output: out }
        metrics:
          - contains: refund
        gate:
          min_pass_rate: 0.9
        """;

    private Dictionary<string, string> Env() => new()
    {
        ["EVALHARNESS_ARTIFACTS"] = _repo.Artifacts,
        ["GITHUB_STEP_SUMMARY"] = _repo.PathOf("step-summary.md"),
        ["GITHUB_WORKSPACE"] = _repo.Root,
    };

    private async Task<string> RunSuiteAsync()
    {
        _repo.Write("datasets/data.jsonl", string.Join("\n", Rows) + "\n");
        var suite = _repo.Write("eval-suites/s/suite.yaml", SuiteText);
        var (code, _, _) = await CliRunner.RunAsync(["run", suite], Env());
        Assert.Equal(1, code);
        return Path.Combine(_repo.Artifacts, "latest", "results.json");
    }

    // 1-based line of the row with this id in what the test wrote, and of a key in the suite text.
    private static int LineOf(string id) => Array.FindIndex(Rows, r => r.StartsWith("{\"id\":\"" + id + "\"", StringComparison.Ordinal)) + 1;

    private static (int Line, int Column) KeyIn(string text, string key)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var index = Array.FindIndex(lines, l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal));
        return (index + 1, lines[index].IndexOf(key, StringComparison.Ordinal) + 1);
    }

    [Fact]
    public async Task AnnotationsPointAtTheDatasetLinesOfFailingCasesAndAtTheGateRule()
    {
        var results = await RunSuiteAsync();

        var (code, output, error) = await CliRunner.RunAsync(["summary", "--github", results], Env());

        Assert.True(code == 0, error);
        var lines = output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.All(lines, l => Assert.Matches("^::(error|warning|notice) ", l));
        var (gateLine, gateColumn) = KeyIn(SuiteText, "min_pass_rate");
        Assert.StartsWith("::error file=eval-suites/s/suite.yaml,line=" + gateLine + ",col=" + gateColumn + ",title=s%3A gate min_pass_rate fail::pass rate 60%25 (3/5)",
            lines[0], StringComparison.Ordinal);
        Assert.Contains("::error file=datasets/data.jsonl,line=" + LineOf("b") + ",title=s%3A fail b::contains: output does not contain \"refund\"", lines);
        var injected = Assert.Single(lines, l => l.Contains("title=s%3A fail d::", StringComparison.Ordinal));
        Assert.StartsWith("::error file=datasets/data.jsonl,line=" + LineOf("d") + ",", injected, StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("# Eval run ", File.ReadAllText(_repo.PathOf("step-summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStepSummaryIsAppendedAndTheLatestRunIsTheDefault()
    {
        await RunSuiteAsync();
        File.WriteAllText(_repo.PathOf("step-summary.md"), "earlier step\n");

        var (code, _, _) = await CliRunner.RunAsync(["summary", "--github"], Env());

        Assert.Equal(0, code);
        var summary = File.ReadAllText(_repo.PathOf("step-summary.md"));
        Assert.StartsWith("earlier step\n# Eval run ", summary, StringComparison.Ordinal);
        Assert.Contains("| s | ❌ fail | 5 | 3 | 2 |", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegressedCasesAreAnnotatedAtTheirLines()
    {
        var rows = Enumerable.Range(1, 30).Select(i => "{\"id\":\"r" + i.ToString("00", CultureInfo.InvariantCulture) + "\",\"input\":\"q" + i + "\"}").ToArray();
        _repo.Write("datasets/r.jsonl", string.Join("\n", rows) + "\n");
        var suite = _repo.Write("eval-suites/r/suite.yaml",
            "name: r\ndataset: ../../datasets/r.jsonl\nmetrics:\n  - contains: refund\ngate:\n  min_pass_rate: 0.5\n  regression: { alpha: 0.05 }\n  drift: false\n");
        var broken = new HashSet<string>(["r03", "r07", "r11", "r15", "r19", "r23", "r27"]);
        Dictionary<string, IEvalTarget> Bot(bool worse) => new()
        {
            ["r"] = new DelegateTarget((c, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant,
                worse && broken.Contains(c.Id) ? "sorry" : "refund ok")))),
        };
        var accept = new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = _repo.Artifacts, ["EVALHARNESS_ACCEPT"] = "1" };
        Assert.Equal(0, (await CliRunner.RunAsync(["run", suite], accept, Bot(worse: false))).ExitCode);
        Assert.Equal(1, (await CliRunner.RunAsync(["run", suite], Env(), Bot(worse: true))).ExitCode);

        var (code, output, _) = await CliRunner.RunAsync(["summary", "--github"], Env());

        Assert.Equal(0, code);
        foreach (var id in broken)
        {
            var line = Array.FindIndex(rows, r => r.Contains("\"" + id + "\"", StringComparison.Ordinal)) + 1;
            Assert.True(output.Contains("::error file=datasets/r.jsonl,line=" + line + ",title=r%3A fail%2C regressed " + id + "::", StringComparison.Ordinal), output);
        }

        var (regressionLine, regressionColumn) = KeyIn(File.ReadAllText(suite), "regression");
        Assert.Contains("::error file=eval-suites/r/suite.yaml,line=" + regressionLine + ",col=" + regressionColumn + ",title=r%3A gate regression.contains fail::contains: regressed: ",
            output, StringComparison.Ordinal);

        // The regressed cases come from results.json itself: a summary job without the baseline file annotates the same lines.
        Directory.Delete(Path.Combine(Path.GetDirectoryName(suite)!, "baselines"), recursive: true);
        var (again, withoutBaseline, _) = await CliRunner.RunAsync(["summary", "--github"], Env());
        Assert.Equal(0, again);
        Assert.Equal(output, withoutBaseline);
    }

    [Fact]
    public async Task TheCommentIsShortAndCarriesTheMarker()
    {
        var results = await RunSuiteAsync();
        var comment = _repo.PathOf("comment.md");

        var (code, output, _) = await CliRunner.RunAsync(["summary", results, "--comment", comment], Env());

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, output);
        var text = File.ReadAllText(comment);
        Assert.StartsWith(PullRequestComment.Marker + "\n### ❌ Evals failed: a gate failed\n", text, StringComparison.Ordinal);
        Assert.Contains("| s | ❌ fail | 5 | 60.0% | no baseline | – | – |", text, StringComparison.Ordinal);
        Assert.Contains("`min_pass_rate`", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutOptionsItPrintsTheMarkdownAndBadInputExitsTwo()
    {
        var results = await RunSuiteAsync();
        var broken = _repo.Write("broken.json", "{ \"formatVersion\": 1, ");

        var plain = await CliRunner.RunAsync(["summary", results], Env());
        var missing = await CliRunner.RunAsync(["summary", _repo.PathOf("nope.json")], Env());
        var invalid = await CliRunner.RunAsync(["summary", broken], Env());
        var noRun = await CliRunner.RunAsync(["summary"], new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = _repo.PathOf("empty") });

        Assert.Equal(0, plain.ExitCode);
        Assert.StartsWith("# Eval run ", plain.Output, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.json: no such results file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("broken.json(1,", invalid.Error, StringComparison.Ordinal);
        Assert.Equal(2, noRun.ExitCode);
        Assert.Contains("no run yet?", noRun.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("50% done\r\nnext", "50%25 done%0D%0Anext")]
    [InlineData("a::b, c", "a::b, c")]
    public void MessagesEscapePercentAndLineBreaks(string message, string expected) =>
        Assert.Equal("::warning::" + expected, WorkflowCommand.Format("warning", [], message));

    [Theory]
    [InlineData("data/x.jsonl", "data/x.jsonl")]
    [InlineData("C:\\a,b:c%", "C%3A\\a%2Cb%3Ac%25")]
    [InlineData("two\nlines", "two%0Alines")]
    public void PropertiesAlsoEscapeColonsAndCommas(string value, string expected) =>
        Assert.Equal("::error file=" + expected + "::m", WorkflowCommand.Format("error", [("file", value)], "m"));
}
