using System.Text.Json.Nodes;

namespace EvalHarness.Cli.Tests;

/// <summary><c>run --filter</c> selects cases by tag and id; <c>run --json</c> prints one JSON document on stdout and the progress on stderr.</summary>
public sealed class RunOptionsTests : IDisposable
{
    private readonly TempRepository _repo = new("evh-runopts");
    private readonly string _suite;

    public RunOptionsTests()
    {
        _repo.Write("datasets/d.jsonl", string.Join("\n",
            "{\"id\":\"bill-1\",\"input\":\"q\",\"out\":\"refund\",\"tags\":[\"billing\"]}",
            "{\"id\":\"bill-2\",\"input\":\"q\",\"out\":\"nothing\",\"tags\":[\"billing\",\"slow\"]}",
            "{\"id\":\"acct-1\",\"input\":\"q\",\"out\":\"refund\",\"tags\":[\"account\"]}",
            "{\"id\":\"acct-2\",\"input\":\"q\",\"out\":\"refund\",\"tags\":[]}") + "\n");
        _suite = _repo.Write("eval-suites/s/suite.yaml", "name: s\ndataset: ../../datasets/d.jsonl\nmapping: { tags: tags }\ntarget: { output: out }\nmetrics:\n  - contains: refund\n");
    }

    public void Dispose() => _repo.Dispose();

    private async Task<(int Code, string[] Ids)> RunFiltered(params string[] filters)
    {
        var (code, output, error) = await CliRunner.RunAsync(["run", _suite, "--json", .. filters.SelectMany(f => new[] { "--filter", f })],
            new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = _repo.Artifacts });
        Assert.True(code is 0 or 1, error);
        var results = JsonNode.Parse(File.ReadAllText(JsonNode.Parse(output)!["results"]!.GetValue<string>()))!;
        return (code, results["suites"]![0]!["cases"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToArray());
    }

    [Theory]
    [InlineData("tag:billing", "bill-1,bill-2")]
    [InlineData("id:acct-*", "acct-1,acct-2")]
    [InlineData("account", "acct-1")]
    [InlineData("tag:billing,!tag:slow", "bill-1")]
    [InlineData("!bill-?", "acct-1,acct-2")]
    [InlineData("id:bill-1|id:acct-2", "bill-1,acct-2")]
    public async Task FiltersSelectByTagAndId(string filter, string expected)
    {
        var (_, ids) = await RunFiltered(filter.Split('|'));

        Assert.Equal(expected.Split(','), ids);
    }

    [Fact]
    public async Task TheGateJudgesOnlyTheSelectedCases()
    {
        var (passing, _) = await RunFiltered("id:acct-*");
        var (failing, _) = await RunFiltered("tag:billing");

        Assert.Equal(0, passing);
        Assert.Equal(1, failing);
    }

    [Fact]
    public async Task JsonOutputIsOneDocumentWithTheVerdicts()
    {
        var (code, output, error) = await CliRunner.RunAsync(["run", _suite, "--json"], new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = _repo.Artifacts });

        Assert.Equal(1, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(1, json["exitCode"]!.GetValue<int>());
        Assert.Equal("a gate failed", json["outcome"]!.GetValue<string>());
        var suite = json["suites"]![0]!;
        Assert.Equal("fail", suite["verdict"]!.GetValue<string>());
        Assert.Equal(4, suite["cases"]!.GetValue<int>());
        Assert.Equal(1, suite["failed"]!.GetValue<int>());
        Assert.Equal("all_cases_pass", suite["gate"]![0]!["name"]!.GetValue<string>());
        Assert.True(File.Exists(json["results"]!.GetValue<string>()));
        Assert.Contains("FAIL bill-2 (", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tag:")]
    [InlineData("owner:me")]
    public async Task ABadFilterExitsTwo(string filter)
    {
        var (code, _, error) = await CliRunner.RunAsync(["run", _suite, "--filter", filter], new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = _repo.Artifacts });

        Assert.Equal(2, code);
        Assert.Contains("--filter '" + filter + "'", error, StringComparison.Ordinal);
    }
}
