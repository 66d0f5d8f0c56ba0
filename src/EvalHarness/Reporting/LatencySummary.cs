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
        var accumulator = new Accumulator();
        foreach (var c in cases)
        {
            accumulator.Add(c);
        }

        return accumulator.Build(key);
    }

    /// <summary>One <see cref="Accumulator"/> per model (or any key), in order of first appearance; only cases with a call count.</summary>
    internal sealed class Breakdown
    {
        private readonly Dictionary<string, Accumulator> _byKey = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];

        public void Add(string key, CaseResult c)
        {
            if (c.Measurements.LatencyMs is null && c.Measurements.Cost is null)
            {
                return;
            }

            if (!_byKey.TryGetValue(key, out var accumulator))
            {
                _byKey[key] = accumulator = new Accumulator();
                _order.Add(key);
            }

            accumulator.Add(c);
        }

        public LatencySummary[] Build() => _order.Select(k => _byKey[k].Build(k)).ToArray();
    }

    /// <summary>Collects the figures of cases one at a time (8 bytes a call for the percentiles), so a streamed suite is never held whole.</summary>
    internal sealed class Accumulator
    {
        private readonly List<double> _latencies = [];
        private readonly List<double> _ttfts = [];
        private long _streamedTokens;
        private double _streamedSeconds;
        private int _attempts, _errors, _timeouts, _retries;
        private double _backoff;

        public void Add(CaseResult c)
        {
            var m = c.Measurements;
            if (c.ErrorKind is not (CaseErrorKind.InvalidInput or CaseErrorKind.Skipped))
            {
                _attempts++;
            }

            _errors += c.ErrorKind is CaseErrorKind.Target or CaseErrorKind.Infrastructure or CaseErrorKind.Recording ? 1 : 0;
            _timeouts += c.ErrorKind == CaseErrorKind.Timeout ? 1 : 0;
            _retries += m.Retries;
            _backoff += m.BackoffMs;
            if (m.LatencyMs is not { } latency || !double.IsFinite(latency))
            {
                return;
            }

            _latencies.Add(latency);
            if (m.TimeToFirstTokenMs is { } ttft && double.IsFinite(ttft))
            {
                _ttfts.Add(ttft);
                if (m.Usage?.OutputTokenCount is { } tokens && latency > ttft)
                {
                    _streamedTokens += tokens;
                    _streamedSeconds += (latency - ttft) / 1000;
                }
            }
        }

        public LatencySummary Build(string key) => new()
        {
            Key = key,
            Calls = _latencies.Count,
            P50Ms = Percentile(_latencies, 50),
            P95Ms = Percentile(_latencies, 95),
            P99Ms = Percentile(_latencies, 99),
            MaxMs = _latencies.Count == 0 ? null : _latencies.Max(),
            MeanMs = _latencies.Count == 0 ? null : _latencies.Average(),
            StreamedCalls = _ttfts.Count,
            TimeToFirstTokenP50Ms = Percentile(_ttfts, 50),
            TimeToFirstTokenP95Ms = Percentile(_ttfts, 95),
            TokensPerSecond = _streamedSeconds > 0 ? _streamedTokens / _streamedSeconds : null,
            Attempts = _attempts,
            Errors = _errors,
            Timeouts = _timeouts,
            Retries = _retries,
            BackoffMs = _backoff,
        };
    }

    private static double? Percentile(List<double> values, double percentile) =>
        values.Count == 0 ? null : Descriptive.Percentile(values, percentile);
}
