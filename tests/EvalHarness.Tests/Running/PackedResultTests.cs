using EvalHarness.Costs;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Running;

public sealed class PackedResultTests
{
    [Fact]
    public void APlainUsageReadsBackWithTheSameCounts()
    {
        var measured = new CallMeasurements { Usage = new UsageDetails { InputTokenCount = 20, OutputTokenCount = 12, TotalTokenCount = 32 } };

        var usage = measured.Usage!;

        Assert.Equal(20, usage.InputTokenCount);
        Assert.Equal(12, usage.OutputTokenCount);
        Assert.Equal(32, usage.TotalTokenCount);
        Assert.Null(usage.CachedInputTokenCount);
        Assert.Null(usage.AdditionalCounts);
    }

    [Fact]
    public void AUsageWithOtherCountsIsKeptAsGiven()
    {
        var given = new UsageDetails { InputTokenCount = 5, ReasoningTokenCount = 3, AdditionalCounts = new() { ["x"] = 1 } };

        var measured = new CallMeasurements { Usage = given };

        Assert.Same(given, measured.Usage);
    }

    [Fact]
    public void ReplacingOrClearingTheUsageForgetsTheOldCounts()
    {
        var measured = new CallMeasurements { Usage = new UsageDetails { InputTokenCount = 7, CachedInputTokenCount = 2 } };

        var replaced = measured with { Usage = new UsageDetails { OutputTokenCount = 9 } };
        var cleared = measured with { Usage = null };

        Assert.Null(replaced.Usage!.InputTokenCount);
        Assert.Null(replaced.Usage.CachedInputTokenCount);
        Assert.Equal(9, replaced.Usage.OutputTokenCount);
        Assert.Null(cleared.Usage);
        Assert.Equal(2, measured.Usage!.CachedInputTokenCount);
    }

    [Fact]
    public void AZeroLatencyIsNotAMissingOne()
    {
        var zero = new CallMeasurements { LatencyMs = 0, TimeToFirstTokenMs = 0 };

        Assert.Equal(0, zero.LatencyMs);
        Assert.Equal(0, zero.TimeToFirstTokenMs);
        Assert.Null(CallMeasurements.None.LatencyMs);
        Assert.Null((zero with { LatencyMs = null }).LatencyMs);
        Assert.Equal(0, (zero with { LatencyMs = null }).TimeToFirstTokenMs);
        Assert.NotEqual(zero, CallMeasurements.None);
    }

    [Fact]
    public void AZeroScoreIsNotAMissingOne()
    {
        var failed = MetricResult.FromCheck("contains", passed: false, "no match");
        var unscored = failed with { Score = null };

        Assert.Equal(0, failed.Score);
        Assert.Equal(0, failed.RawValue);
        Assert.Null(unscored.Score);
        Assert.Equal(0, unscored.RawValue);
        Assert.NotEqual(failed, unscored);
        Assert.Equal(failed, unscored with { Score = 0 });
    }

    [Fact]
    public void AnUnpricedModelsCostIsOneSharedInstance()
    {
        var table = PricingTable.Empty;

        var first = table.Price("perf-model", new UsageDetails { InputTokenCount = 1, OutputTokenCount = 1 });
        var second = table.Price("perf-model", new UsageDetails { InputTokenCount = 2, OutputTokenCount = 3 });
        var other = table.Price("other-model", null);

        Assert.Same(first, second);
        Assert.Equal("no price for model 'perf-model'; add it to evalharness.pricing.json", first.UnknownReason);
        Assert.Equal("other-model", other.Model);
        Assert.Equal("no price for model 'other-model'; add it to evalharness.pricing.json", other.UnknownReason);
    }

    [Fact]
    public void AMissingUsageCostNamesWhatIsMissingPerModel()
    {
        var table = PricingTable.BuiltIn;

        var none = table.Price("gpt-4o-mini", null);
        var noOutput = table.Price("gpt-4o-mini", new UsageDetails { InputTokenCount = 4 });
        var noInput = table.Price("gpt-4o-mini", new UsageDetails { OutputTokenCount = 4 });

        Assert.Equal("the call to 'gpt-4o-mini' reported no token usage", none.UnknownReason);
        Assert.Equal("the call to 'gpt-4o-mini' reported no output token count", noOutput.UnknownReason);
        Assert.Equal("the call to 'gpt-4o-mini' reported no input token count", noInput.UnknownReason);
        Assert.Equal("gpt-4o-mini", none.PricedAs);
        Assert.Same(none, table.Price("gpt-4o-mini", null));
    }
}
