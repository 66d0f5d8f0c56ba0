using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EvalHarness.Targets;
using Microsoft.Extensions.AI;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// A suite run in 4 shards and merged equals the same suite run unsharded: the same cases in the same order, the same verdicts, the same
/// aggregates, and the same gate — absolute rules and the comparison with a committed baseline (which the merged run regresses against).
/// </summary>
public sealed class ShardingTests : IDisposable
{
    private const int CaseCount = 80;
    private readonly TempRepository _repo = new("evh-shard");
    private readonly string _suite;

    public ShardingTests()
    {
        var rows = new StringBuilder();
        for (var i = 1; i <= CaseCount; i++)
        {
            // Every seventh answer misses the keyword from the start; the rest pass until the "worse" bot breaks some.
            var answer = i % 7 == 0 ? "I cannot help with that." : "You can get a refund within 30 days (case " + i + ").";
            rows.Append("{\"id\":\"q-").Append(i.ToString("000", CultureInfo.InvariantCulture)).Append("\",\"input\":\"question ").Append(i)
                .Append("\",\"answer\":\"").Append(answer).Append("\",\"tags\":[\"").Append(i % 2 == 0 ? "even" : "odd").Append("\"]}\n");
        }

        _repo.Write("datasets/refunds.jsonl", rows.ToString());
        _suite = _repo.Write("eval-suites/refunds/suite.yaml", """
            name: refunds
            dataset: ../../datasets/refunds.jsonl
            mapping: { tags: tags }
            metrics:
              - contains: { value: refund, metric: mentions-refund }
              - word-count: { value: { max: 12 } }
            gate:
              min_pass_rate: 0.6
              regression: { alpha: 0.05, margin: 0.02 }
              drift: false
            """);
    }

    public void Dispose() => _repo.Dispose();

    // The system under test answers with the dataset's answer; the worse one forgets the refund in a quarter of the cases.
    private static Dictionary<string, IEvalTarget> Bot(bool worse) => new()
    {
        ["refunds"] = new DelegateTarget((c, _) =>
        {
            var answer = c.Fields["answer"]!.GetValue<string>();
            var broken = worse && int.Parse(c.Id[2..], CultureInfo.InvariantCulture) % 4 == 1;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, broken ? "Please contact support." : answer)));
        }),
    };

    private Dictionary<string, string> Env(string artifacts, bool accept = false)
    {
        var env = new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = artifacts, ["EVALHARNESS_MODE"] = "replay" };
        if (accept)
        {
            env["EVALHARNESS_ACCEPT"] = "1";
        }

        return env;
    }

    private static JsonObject Latest(string artifacts) => JsonNode.Parse(File.ReadAllText(Path.Combine(artifacts, "latest", "results.json")))!.AsObject();

    private static JsonObject Suite(JsonObject results) => results["suites"]![0]!.AsObject();

    [Fact]
    public async Task FourShardsMergedEqualTheUnshardedRun()
    {
        var accepted = await CliRunner.RunAsync(["run", _suite], Env(_repo.PathOf("accept"), accept: true), Bot(worse: false));
        Assert.True(accepted.ExitCode == 0, accepted.Output + accepted.Error);

        var whole = await CliRunner.RunAsync(["run", _suite], Env(_repo.PathOf("whole")), Bot(worse: true));
        var shardFolders = new List<string>();
        var shardCases = 0;
        for (var i = 1; i <= 4; i++)
        {
            var folder = _repo.PathOf("shard-" + i);
            var shard = await CliRunner.RunAsync(["run", _suite, "--shard", i + "/4"], Env(folder), Bot(worse: true));
            Assert.True(shard.ExitCode is 0 or 1, shard.Output + shard.Error);
            shardCases += Suite(Latest(folder))["cases"]!.AsArray().Count;
            shardFolders.Add(Path.Combine(folder, "latest"));
        }

        var merged = await CliRunner.RunAsync(["merge", .. shardFolders, "-o", _repo.PathOf("merged")], Env(_repo.PathOf("unused")));

        Assert.Equal(CaseCount, shardCases);
        Assert.Equal(1, whole.ExitCode);
        Assert.True(merged.ExitCode == whole.ExitCode, merged.Output + merged.Error);
        var expected = Suite(Latest(_repo.PathOf("whole")));
        var actual = Suite(Latest(_repo.PathOf("merged")));
        Assert.Equal(Cases(expected), Cases(actual));
        Assert.True(JsonNode.DeepEquals(expected["aggregates"], actual["aggregates"]), expected["aggregates"] + "\n≠\n" + actual["aggregates"]);
        Assert.Equal(expected["verdict"]!.GetValue<string>(), actual["verdict"]!.GetValue<string>());
        Assert.Equal(Checks(expected), Checks(actual));
        Assert.Contains("regression.mentions-refund|fail|", Checks(actual), StringComparison.Ordinal);
        Assert.Null(Latest(_repo.PathOf("merged"))["shard"]?.GetValue<string>());
    }

    [Fact]
    public async Task MergingRefusesMissingAndRepeatedShards()
    {
        var folders = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var folder = _repo.PathOf("shard-" + i);
            await CliRunner.RunAsync(["run", _suite, "--shard", i + "/3"], Env(folder), Bot(worse: false));
            folders.Add(Path.Combine(folder, "latest", "results.json"));
        }

        var missing = await CliRunner.RunAsync(["merge", folders[0], folders[2], "-o", _repo.PathOf("m1")], Env(_repo.PathOf("x")));
        var twice = await CliRunner.RunAsync(["merge", folders[0], folders[1], folders[2], folders[1], _repo.PathOf("shard-2"), "-o", _repo.PathOf("m2")], Env(_repo.PathOf("x")));
        var nothing = await CliRunner.RunAsync(["merge", _repo.PathOf("nowhere")], Env(_repo.PathOf("x")));
        var all = await CliRunner.RunAsync(["merge", .. folders, "-o", _repo.PathOf("m3")], Env(_repo.PathOf("x")));

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("cannot merge: suite 'refunds' is missing shard(s) 2/3", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("shard 2/3 of suite 'refunds' is given twice", twice.Error, StringComparison.Ordinal);
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("no results.json there", nothing.Error, StringComparison.Ordinal);
        Assert.Equal(0, all.ExitCode);
        Assert.False(Directory.Exists(_repo.PathOf("m1")));
    }

    private static string Cases(JsonObject suite) =>
        string.Join("\n", suite["cases"]!.AsArray().Select(c => c!["id"] + "|" + c["line"] + "|" + c["verdict"] + "|" + c["output"] + "|" +
            string.Join(";", c["metrics"]!.AsArray().Select(m => m!["name"] + "=" + m["verdict"] + ":" + m["score"]))));

    private static string Checks(JsonObject suite) =>
        string.Join("\n", suite["gate"]!["checks"]!.AsArray().Select(c => c!["name"] + "|" + c["verdict"] + "|" + c["reason"]));
}
