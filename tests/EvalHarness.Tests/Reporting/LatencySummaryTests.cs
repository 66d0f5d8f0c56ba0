using EvalHarness.Reporting;
using EvalHarness.Running;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Reporting;

public sealed class LatencySummaryTests
{
    private static CaseResult Call(double latency, double? ttft = null, long? outputTokens = null, int retries = 0, double backoff = 0) => new()
    {
        Id = "c" + latency,
        Verdict = Verdict.Pass,
        Measurements = new CallMeasurements
        {
            LatencyMs = latency,
            TimeToFirstTokenMs = ttft,
            Usage = outputTokens is null ? null : new UsageDetails { OutputTokenCount = outputTokens },
            Retries = retries,
            BackoffMs = backoff,
        },
    };

    private static CaseResult Failed(CaseErrorKind kind) => new() { Id = kind.ToString(), Verdict = Verdict.Error, ErrorKind = kind };

    [Fact]
    public void PercentilesInterpolateBetweenCalls()
    {
        var summary = LatencySummary.From("all", [Call(300), Call(100), Call(500), Call(200), Call(400)]);

        // Sorted 100..500: p50 = 300; p95 at index 0.95 × 4 = 3.8 → 400 + 0.8 × 100; p99 at 3.96 → 400 + 0.96 × 100.
        Assert.Equal(5, summary.Calls);
        Assert.Equal(300, summary.P50Ms);
        Assert.Equal(480, summary.P95Ms!.Value, 9);
        Assert.Equal(496, summary.P99Ms!.Value, 9);
        Assert.Equal(500, summary.MaxMs);
        Assert.Equal(300, summary.MeanMs);
    }

    [Fact]
    public void TimeToFirstTokenAndTokensPerSecondComeFromStreamedCalls()
    {
        // Streamed: 400 tokens over 1,000 − 200 ms and 100 tokens over 600 − 100 ms → 500 tokens in 1.3 s.
        var summary = LatencySummary.From("m", [Call(1_000, ttft: 200, outputTokens: 400), Call(600, ttft: 100, outputTokens: 100), Call(5_000, outputTokens: 9_999)]);

        Assert.Equal(2, summary.StreamedCalls);
        Assert.Equal(150, summary.TimeToFirstTokenP50Ms);
        Assert.Equal(500 / 1.3, summary.TokensPerSecond!.Value, 9);
    }

    [Fact]
    public void ErrorAndTimeoutRatesCountCasesThatAttemptedACall()
    {
        var summary = LatencySummary.From("s",
        [
            Call(100, retries: 2, backoff: 1_500), Call(200), Failed(CaseErrorKind.Timeout), Failed(CaseErrorKind.Infrastructure),
            Failed(CaseErrorKind.Target), Failed(CaseErrorKind.InvalidInput), Failed(CaseErrorKind.Skipped),
        ]);

        Assert.Equal(5, summary.Attempts);
        Assert.Equal(2, summary.Errors);
        Assert.Equal(1, summary.Timeouts);
        Assert.Equal(0.4, summary.ErrorRate);
        Assert.Equal(0.2, summary.TimeoutRate);
        Assert.Equal(2, summary.Retries);
        Assert.Equal(1_500, summary.BackoffMs);
        Assert.Equal(150, summary.MeanMs);
    }

    [Fact]
    public void NoMeasuredCallMeansNoFigures()
    {
        var summary = LatencySummary.From("logs", [new CaseResult { Id = "a", Verdict = Verdict.Pass }]);

        Assert.Equal(0, summary.Calls);
        Assert.Null(summary.P50Ms);
        Assert.Null(summary.MeanMs);
        Assert.Null(summary.TokensPerSecond);
        Assert.Equal(0, summary.ErrorRate);
    }
}
