using System.Globalization;
using System.Text;

namespace EvalHarness.Cli.Tests;

/// <summary><c>evalharness drift</c> over two JSONL exports or two results.json files: severity per quantity, exit 1 only on a critical drift.</summary>
public sealed class DriftCommandTests : IDisposable
{
    private readonly TempRepository _repo = new("evh-drift");

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task APlanted30PercentLatencyShiftIsReportedAsCriticalAndExitsOne()
    {
        var baseline = _repo.Write("baseline.jsonl", Window(seed: 1, latencyMean: 800));
        var current = _repo.Write("current.jsonl", Window(seed: 2, latencyMean: 1040));

        var (code, output, error) = await CliRunner.RunAsync(["drift", "--baseline", baseline, "--current", current]);

        Assert.Equal(string.Empty, error);
        Assert.Equal(1, code);
        var lines = output.Split('\n');
        Assert.Equal("drift: 1000 → 1000 observations (pct_threshold 10%, KS α 0.05)", lines[0]);
        Assert.StartsWith("  critical latency: mean ", Assert.Single(lines, l => l.Contains("latency:", StringComparison.Ordinal)), StringComparison.Ordinal);
        var change = System.Text.RegularExpressions.Regex.Match(output, @"latency: mean [0-9.]+ → [0-9.]+ \(\+([0-9.]+)%").Groups[1].Value;
        Assert.InRange(double.Parse(change, CultureInfo.InvariantCulture), 27, 33);
        Assert.StartsWith("  ok       input tokens:", Assert.Single(lines, l => l.Contains("input tokens:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("  ok       error rate:", Assert.Single(lines, l => l.Contains("error rate:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("critical drift in 1 quantity(ies)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoWindowsFromTheSameDistributionReportNoDriftAndExitZero()
    {
        var baseline = _repo.Write("baseline.jsonl", Window(seed: 11, latencyMean: 800));
        var current = _repo.Write("current.jsonl", Window(seed: 12, latencyMean: 800));

        var (code, output, _) = await CliRunner.RunAsync(["drift", "--baseline", baseline, "--current", current]);

        Assert.Equal(0, code);
        Assert.Equal(6, output.Split('\n').Count(l => l.StartsWith("  ok ", StringComparison.Ordinal)));
        Assert.EndsWith("no drift\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoResultsFilesCompareMetricScores()
    {
        var before = await RunAsync("before", passing: 20);
        var after = await RunAsync("after", passing: 5);

        var (code, output, _) = await CliRunner.RunAsync(["drift", "-b", before, "-c", after]);

        // contains passes 20/20 → 5/20: the mean falls 75%, past the 50% critical line.
        Assert.Equal(1, code);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("contains", StringComparison.Ordinal));
        Assert.StartsWith("  critical contains: mean 1 → 0.25 (\u221275.0%", line, StringComparison.Ordinal);
        Assert.Contains("read the cases whose verdict flipped", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommittedLangfuseSampleWindowsShowTheREADMEsResults()
    {
        var data = Path.Combine(RepositoryRoot.Path, "tests", "EvalHarness.Tests", "Drift", "Data");

        var (shifted, shiftedOutput, _) = await CliRunner.RunAsync(["drift", "--baseline", Path.Combine(data, "week-46.jsonl"), "--current", Path.Combine(data, "week-47.jsonl")]);
        var (steady, steadyOutput, _) = await CliRunner.RunAsync(["drift", "--baseline", Path.Combine(data, "week-46.jsonl"), "--current", Path.Combine(data, "week-47-steady.jsonl")]);

        // Langfuse exports latency in seconds, read as milliseconds (means checked with Python: 1207.873 and 1561.323 ms); the planted 30% shift is critical.
        Assert.Equal(1, shifted);
        Assert.StartsWith("  critical latency: mean 1207.873 → 1561.323", Assert.Single(shiftedOutput.Split('\n'), l => l.Contains("latency:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(0, steady);
        Assert.EndsWith("no drift\n", steadyOutput.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadLineExitsTwoNamingFileLineAndField()
    {
        var baseline = _repo.Write("baseline.jsonl", "{\"latency_ms\": 10}\n{\"latency_ms\": \"slow\"}\n");

        var (code, _, error) = await CliRunner.RunAsync(["drift", "--baseline", baseline, "--current", baseline]);

        Assert.Equal(2, code);
        Assert.Equal(baseline + "(2,1): error EVH007: latency_ms: expected a number, found string", error.Trim());
    }

    private async Task<string> RunAsync(string name, int passing)
    {
        _repo.Write(name + "/data.jsonl", string.Concat(Enumerable.Range(0, 20).Select(i =>
            "{\"id\":\"c" + i.ToString(CultureInfo.InvariantCulture) + "\",\"input\":\"q\",\"out\":\"" + (i < passing ? "refund" : "no idea") + "\"}\n")));
        var suite = _repo.Write(name + "/s/suite.yaml", "name: s\ndataset: ../data.jsonl\ntarget: { output: out }\nmetrics:\n  - contains: refund\n");
        var artifacts = _repo.PathOf(name + "/artifacts");
        await CliRunner.RunAsync(["run", suite], new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = artifacts });
        return Path.Combine(artifacts, "latest", "results.json");
    }

    // 1,000 seeded calls in the JSONL export shape: normal latency (sd 10% of 800 ms), tokens, cost, a score and a 2% error rate.
    private static string Window(int seed, double latencyMean)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            var input = Math.Round(Normal(random, 400, 40));
            var output = Math.Round(Normal(random, 120, 15));
            text.Append(CultureInfo.InvariantCulture, $"{{\"latency_ms\":{Normal(random, latencyMean, 80):R},\"input_tokens\":{input},\"output_tokens\":{output},")
                .Append(CultureInfo.InvariantCulture, $"\"cost_usd\":{((input * 0.15) + (output * 0.6)) / 1e6:R},\"error\":{(random.NextDouble() < 0.02 ? "\"timeout\"" : "null")},")
                .Append(CultureInfo.InvariantCulture, $"\"scores\":{{\"faithfulness\":{Math.Clamp(Normal(random, 0.8, 0.1), 0, 1):R}}}}}\n");
        }

        return text.ToString();
    }

    private static double Normal(Random random, double mean, double sd) =>
        mean + (sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
