using EvalHarness.Costs;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Costs;

public sealed class PricingTableTests
{
    private static UsageDetails Usage(long input, long output, long? cached = null) =>
        new() { InputTokenCount = input, OutputTokenCount = output, CachedInputTokenCount = cached };

    [Fact]
    public void CachedInputTokensArePricedAtTheCachedRateAndTheRestAtTheInputRate()
    {
        // gpt-4o-mini: $0.15 input, $0.075 cached input, $0.60 output per million.
        // 800,000 × 0.15 / 1M = 0.12; 200,000 × 0.075 / 1M = 0.015; 50,000 × 0.60 / 1M = 0.03.
        var cost = PricingTable.BuiltIn.Price("gpt-4o-mini", Usage(1_000_000, 50_000, cached: 200_000));

        Assert.Equal(0.12m, cost.InputUsd);
        Assert.Equal(0.015m, cost.CachedInputUsd);
        Assert.Equal(0.03m, cost.OutputUsd);
        Assert.Equal(0.165m, cost.Usd);
        Assert.Equal("gpt-4o-mini", cost.PricedAs);
        Assert.Null(cost.UnknownReason);
    }

    [Fact]
    public void WithoutACachedPriceCachedTokensCostTheInputPriceNotZero()
    {
        // gpt-4-turbo has no cached price: 1,000 × $10 / 1M = 0.01 (cached ones included) + 100 × $30 / 1M = 0.003.
        var cost = PricingTable.BuiltIn.Price("gpt-4-turbo", Usage(1_000, 100, cached: 400));

        Assert.Equal(0.013m, cost.Usd);
        Assert.Equal(0.004m, cost.CachedInputUsd);
    }

    [Fact]
    public void AVersionedModelIdIsPricedAsItsFamily()
    {
        // claude-3-5-sonnet: $3 input, $15 output. 12,345 × 3 / 1M = 0.037035; 678 × 15 / 1M = 0.01017.
        var cost = PricingTable.BuiltIn.Price("claude-3-5-sonnet-20241022", Usage(12_345, 678));

        Assert.Equal(0.047205m, cost.Usd);
        Assert.Equal("claude-3-5-sonnet", cost.PricedAs);
        Assert.Equal("claude-3-5-sonnet-20241022", cost.Model);
    }

    [Theory]
    [InlineData("gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("openai/gpt-4o", "gpt-4o")]
    [InlineData("GPT-4o-2024-08-06", "gpt-4o")]
    [InlineData("anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet")]
    [InlineData("claude-3-5-sonnet@20240620", "claude-3-5-sonnet")]
    [InlineData("claude-sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("models/gemini-1.5-pro-002", "gemini-1.5-pro")]
    [InlineData("mistral-large-latest", "mistral-large")]
    [InlineData("mistral-large-2411", "mistral-large")]
    [InlineData("meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "llama-3.1-8b-instruct")]
    [InlineData("gpt-4-0613", "gpt-4")]
    public void ModelIdsAreMatchedWithoutProviderPrefixesAndVersionSuffixes(string modelId, string expected) =>
        Assert.Equal(expected, PricingTable.BuiltIn.Find(modelId)?.Model);

    [Theory]
    [InlineData("gpt-4o-audio-preview")]
    [InlineData("llama3.1:8b")]
    [InlineData("my-finetune")]
    public void AModelThatMatchesNoEntryHasNoPrice(string modelId) => Assert.Null(PricingTable.BuiltIn.Find(modelId));

    [Fact]
    public void AnUnknownModelMakesTheCostUnknownNeverZero()
    {
        var cost = PricingTable.BuiltIn.Price("acme-llm-v2", Usage(1_000, 1_000));

        Assert.Null(cost.Usd);
        Assert.False(cost.IsKnown);
        Assert.Equal("no price for model 'acme-llm-v2'; add it to evalharness.pricing.json", cost.UnknownReason);
    }

    [Fact]
    public void MissingUsageOrModelMakesTheCostUnknown()
    {
        Assert.Equal("the call to 'gpt-4o' reported no token usage", PricingTable.BuiltIn.Price("gpt-4o", null).UnknownReason);
        Assert.Equal("the call to 'gpt-4o' reported no output token count",
            PricingTable.BuiltIn.Price("gpt-4o", new UsageDetails { InputTokenCount = 5 }).UnknownReason);
        Assert.Equal("the response names no model and the suite configures none, so no price applies",
            PricingTable.BuiltIn.Price(null, Usage(1, 1)).UnknownReason);
    }

    [Fact]
    public void AFreeModelCostsNothingEvenWithoutUsage()
    {
        var table = PricingTable.BuiltIn.With(PricingTable.Parse("""{ "models": { "llama3.1:8b": { "input": 0, "output": 0 } } }""", "local.json"));

        var cost = table.Price("llama3.1:8b", null);

        Assert.Equal(0m, cost.Usd);
        Assert.Equal("llama3.1:8b", cost.PricedAs);
    }

    [Fact]
    public void TheBuiltInTableIsDatedAndCoversEachProvider()
    {
        var table = PricingTable.BuiltIn;

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", table.Updated);
        Assert.Equal(["built-in (" + table.Updated + ")"], table.Sources);
        foreach (var provider in new[] { "openai", "anthropic", "google", "mistral", "meta (hosted)", "deepseek" })
        {
            Assert.Contains(table.Models.Values, p => p.Provider == provider);
        }

        Assert.All(table.Models.Values, p => Assert.True(p.InputPerMillion > 0 && p.OutputPerMillion > 0, p.Model));
    }
}
