using EvalHarness.Running;
using EvalHarness.Statistics;

namespace EvalHarness.Reporting;

/// <summary>
/// Latency and reliability of the system under test's calls over a set of cases: percentiles of call latency, time to first token and
/// tokens per second where the call streamed, error and timeout rates, retries and time spent in backoff.
/// </summary>
/// <remarks>
/// Percentiles interpolate linearly (numpy's default) over calls with a measured latency; they are null when no call was measured.
/// Backoff time is never part of latency. Rates count against the cases that attempted a call (invalid and skipped rows excluded).
/// Replayed calls report the latency measured when they were recorded.
/// </remarks>
public sealed record LatencySummary
{
    /// <summary>What the summary covers: a model id, a suite name, or <c>all</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Calls with a measured latency.</summary>
    public int Calls { get; init; }

    /// <summary>Median call latency in milliseconds.</summary>
    public double? P50Ms { get; init; }

    /// <summary>95th-percentile call latency in milliseconds.</summary>
    public double? P95Ms { get; init; }

    /// <summary>99th-percentile call latency in milliseconds.</summary>
    public double? P99Ms { get; init; }

    /// <summary>The slowest call in milliseconds.</summary>
    public double? MaxMs { get; init; }

    /// <summary>Mean call latency in milliseconds.</summary>
    public double? MeanMs { get; init; }

    /// <summary>Calls that streamed (with a time to first token).</summary>
    public int StreamedCalls { get; init; }

    /// <summary>Median time to first token of streamed calls, in milliseconds.</summary>
    public double? TimeToFirstTokenP50Ms { get; init; }

    /// <summary>95th-percentile time to first token of streamed calls, in milliseconds.</summary>
    public double? TimeToFirstTokenP95Ms { get; init; }

    /// <summary>Output tokens per second of streamed calls after their first token (all their tokens over all their generation time).</summary>
    public double? TokensPerSecond { get; init; }

    /// <summary>Cases that attempted a call.</summary>
    public int Attempts { get; init; }

    /// <summary>Attempts that ended in an error of the target, the endpoint or a recording.</summary>
    public int Errors { get; init; }

    /// <summary>Attempts that timed out.</summary>
    public int Timeouts { get; init; }

    /// <summary><see cref="Errors"/> / <see cref="Attempts"/>, or null without attempts.</summary>
    public double? ErrorRate => Attempts == 0 ? null : (double)Errors / Attempts;

    /// <summary><see cref="Timeouts"/> / <see cref="Attempts"/>, or null without attempts.</summary>
    public double? TimeoutRate => Attempts == 0 ? null : (double)Timeouts / Attempts;

    /// <summary>Retries after transient failures, summed over the calls.</summary>
    public int Retries { get; init; }

    /// <summary>Milliseconds spent waiting between retries, summed over the calls.</summary>
    public double BackoffMs { get; init; }

    /// <summary>Summarises <paramref name="cases"/>.</summary>
    public static LatencySummary From(string key, IEnumerable<CaseResult> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var latencies = new List<double>();
        var ttfts = new List<double>();
        long streamedTokens = 0;
        double streamedSeconds = 0;
        int attempts = 0, errors = 0, timeouts = 0, retries = 0;
        double backoff = 0;
        foreach (var c in cases)
        {
            var m = c.Measurements;
            if (c.ErrorKind is not (CaseErrorKind.InvalidInput or CaseErrorKind.Skipped))
            {
                attempts++;
            }

            errors += c.ErrorKind is CaseErrorKind.Target or CaseErrorKind.Infrastructure or CaseErrorKind.Recording ? 1 : 0;
            timeouts += c.ErrorKind == CaseErrorKind.Timeout ? 1 : 0;
            retries += m.Retries;
            backoff += m.BackoffMs;
            if (m.LatencyMs is not { } latency || !double.IsFinite(latency))
            {
                continue;
            }

            latencies.Add(latency);
            if (m.TimeToFirstTokenMs is { } ttft && double.IsFinite(ttft))
            {
                ttfts.Add(ttft);
                if (m.Usage?.OutputTokenCount is { } tokens && latency > ttft)
                {
                    streamedTokens += tokens;
                    streamedSeconds += (latency - ttft) / 1000;
                }
            }
        }

        return new LatencySummary
        {
            Key = key,
            Calls = latencies.Count,
            P50Ms = Percentile(latencies, 50),
            P95Ms = Percentile(latencies, 95),
            P99Ms = Percentile(latencies, 99),
            MaxMs = latencies.Count == 0 ? null : latencies.Max(),
            MeanMs = latencies.Count == 0 ? null : latencies.Average(),
            StreamedCalls = ttfts.Count,
            TimeToFirstTokenP50Ms = Percentile(ttfts, 50),
            TimeToFirstTokenP95Ms = Percentile(ttfts, 95),
            TokensPerSecond = streamedSeconds > 0 ? streamedTokens / streamedSeconds : null,
            Attempts = attempts,
            Errors = errors,
            Timeouts = timeouts,
            Retries = retries,
            BackoffMs = backoff,
        };
    }

    private static double? Percentile(List<double> values, double percentile) =>
        values.Count == 0 ? null : Descriptive.Percentile(values, percentile);
}
