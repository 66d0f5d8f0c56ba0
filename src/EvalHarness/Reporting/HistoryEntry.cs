using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Serialization;

namespace EvalHarness.Reporting;

/// <summary>One run in <c>history.jsonl</c>: when it ran, and per suite its pass rate, cost, latency and mean scores — the points of the trend charts.</summary>
public sealed record HistoryEntry
{
    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The git commit, or null.</summary>
    public string? GitCommit { get; init; }

    /// <summary>The mode (<c>replay</c>, <c>record</c>, <c>live</c>, <c>auto</c>).</summary>
    public string Mode { get; init; } = "auto";

    /// <summary>The shard (<c>i/n</c>), or null for all cases.</summary>
    public string? Shard { get; init; }

    /// <summary>The run's exit code.</summary>
    public int ExitCode { get; init; }

    /// <summary>Every suite of the run.</summary>
    public IReadOnlyList<HistorySuite> Suites { get; init; } = [];

    /// <summary>The entry of a run whose suites have been summarised.</summary>
    public static HistoryEntry From(RunResult run, IReadOnlyList<SuiteReport> suites)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(suites);
        return new HistoryEntry
        {
            RunId = run.RunId,
            StartedAt = run.StartedAt,
            GitCommit = run.GitCommit,
            Mode = run.Mode.ToContractString(),
            Shard = run.Shard?.ToString(),
            ExitCode = run.ExitCode,
            Suites = suites.Select(s => new HistorySuite
            {
                Name = s.Result.Name,
                Verdict = s.Result.Verdict,
                Cases = s.Result.Aggregates.Cases,
                Passed = s.Result.Aggregates.Passed,
                CostUsd = s.Costs.Total.Calls == 0 ? null : s.Costs.Total.Usd,
                KnownCostUsd = s.Costs.Total.KnownUsd,
                UnknownCostCalls = s.Costs.Total.UnknownCalls,
                LatencyP50Ms = s.Latency.P50Ms,
                LatencyP95Ms = s.Latency.P95Ms,
                MeanScores = s.Result.Aggregates.Metrics.ToDictionary(m => m.Name, m => m.MeanScore, StringComparer.Ordinal),
            }).ToArray(),
        };
    }

    /// <summary>The entry as one line of canonical JSON (sorted keys, no line break).</summary>
    public string ToJsonLine()
    {
        var suites = new JsonArray();
        foreach (var s in Suites)
        {
            var scores = new JsonObject();
            foreach (var (name, mean) in s.MeanScores)
            {
                scores[name] = Round(mean, 6);
            }

            suites.Add(new JsonObject
            {
                ["name"] = s.Name,
                ["verdict"] = s.Verdict.ToContractString(),
                ["cases"] = s.Cases,
                ["passed"] = s.Passed,
                ["passRate"] = Round(s.PassRate, 6),
                ["costUsd"] = s.CostUsd is { } cost ? JsonValue.Create(Math.Round(cost, 8)) : null,
                ["knownCostUsd"] = Math.Round(s.KnownCostUsd, 8),
                ["unknownCostCalls"] = s.UnknownCostCalls,
                ["latencyP50Ms"] = Round(s.LatencyP50Ms, 1),
                ["latencyP95Ms"] = Round(s.LatencyP95Ms, 1),
                ["meanScores"] = scores,
            });
        }

        return CanonicalJson.SerializeCompact(new JsonObject
        {
            ["runId"] = RunId,
            ["startedAt"] = StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["gitCommit"] = GitCommit,
            ["mode"] = Mode,
            ["shard"] = Shard,
            ["exitCode"] = ExitCode,
            ["suites"] = suites,
        });
    }

    /// <summary>Reads one line of <c>history.jsonl</c>.</summary>
    /// <exception cref="FormatException">The line is not a history entry; the message says what is wrong.</exception>
    public static HistoryEntry Parse(string line)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("not a JSON object");
            return new HistoryEntry
            {
                RunId = root["runId"]?.GetValue<string>() ?? throw new FormatException("no runId"),
                StartedAt = DateTimeOffset.Parse(root["startedAt"]?.GetValue<string>() ?? throw new FormatException("no startedAt"),
                    CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                GitCommit = root["gitCommit"]?.GetValue<string>(),
                Mode = root["mode"]?.GetValue<string>() ?? "auto",
                Shard = root["shard"]?.GetValue<string>(),
                ExitCode = root["exitCode"]?.GetValue<int>() ?? 0,
                Suites = (root["suites"] as JsonArray ?? []).OfType<JsonObject>().Select(s => new HistorySuite
                {
                    Name = s["name"]?.GetValue<string>() ?? throw new FormatException("a suite without a name"),
                    Verdict = ResultsJsonReader.ParseVerdict(s["verdict"]?.GetValue<string>()) ?? Verdict.Error,
                    Cases = s["cases"]?.GetValue<int>() ?? 0,
                    Passed = s["passed"]?.GetValue<int>() ?? 0,
                    CostUsd = s["costUsd"]?.GetValue<decimal>(),
                    KnownCostUsd = s["knownCostUsd"]?.GetValue<decimal>() ?? 0,
                    UnknownCostCalls = s["unknownCostCalls"]?.GetValue<int>() ?? 0,
                    LatencyP50Ms = s["latencyP50Ms"]?.GetValue<double>(),
                    LatencyP95Ms = s["latencyP95Ms"]?.GetValue<double>(),
                    MeanScores = (s["meanScores"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.GetValue<double>(), StringComparer.Ordinal),
                }).ToArray(),
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    private static JsonNode? Round(double? value, int digits) =>
        value is { } v && double.IsFinite(v) ? JsonValue.Create(Math.Round(v, digits)) : null;
}
