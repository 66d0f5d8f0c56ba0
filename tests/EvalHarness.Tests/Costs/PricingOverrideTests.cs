using EvalHarness.Costs;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Costs;

public sealed class PricingOverrideTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public PricingOverrideTests() => Directory.CreateDirectory(Path.Combine(_workspace.Root, ".git"));

    public void Dispose() => _workspace.Dispose();

    private static UsageDetails Million => new() { InputTokenCount = 1_000_000, OutputTokenCount = 0 };

    [Fact]
    public void TheSuiteFolderOverridesTheRepositoryWhichOverridesTheBuiltInTable()
    {
        _workspace.Write("evalharness.pricing.json", """{ "updated": "2026-01-01", "models": { "gpt-4o": { "input": 9, "output": 9 }, "acme-llm": { "input": 1, "output": 2 } } }""");
        _workspace.Write("eval-suites/s/evalharness.pricing.json", """{ "models": { "acme-llm": { "input": 4, "output": 5 } } }""");
        var suite = _workspace.Write("eval-suites/s/suite.yaml", "name: s\n");

        var table = PricingTable.Resolve(suite, _ => null);

        Assert.Equal(9m, table.Price("gpt-4o", Million).Usd);
        Assert.Equal(4m, table.Price("acme-llm", Million).Usd);
        Assert.Equal(0.15m, table.Price("gpt-4o-mini", Million).Usd);
        Assert.Equal(3, table.Sources.Count);
        Assert.StartsWith("built-in (", table.Sources[0], StringComparison.Ordinal);
        Assert.Equal("2026-01-01", table.Updated);
    }

    [Fact]
    public void TheEnvironmentVariableWinsOverEveryFile()
    {
        _workspace.Write("eval-suites/s/evalharness.pricing.json", """{ "models": { "acme-llm": { "input": 4, "output": 5 } } }""");
        var suite = _workspace.Write("eval-suites/s/suite.yaml", "name: s\n");
        var overrides = _workspace.Write("ci-prices.json", """{ "models": { "acme-llm": { "input": 7, "output": 0 } } }""");

        var table = PricingTable.Resolve(suite, name => name == PricingTable.EnvironmentVariable ? overrides : null);

        Assert.Equal(7m, table.Price("acme-llm", Million).Usd);
        Assert.Equal("EVALHARNESS_PRICING=" + overrides, table.Sources[^1]);
    }

    [Fact]
    public void FilesAboveTheRepositoryRootAreIgnored()
    {
        _workspace.Write("evalharness.pricing.json", """{ "models": { "acme-llm": { "input": 1, "output": 1 } } }""");
        Directory.CreateDirectory(Path.Combine(_workspace.Root, "repo", ".git"));
        var suite = _workspace.Write("repo/eval-suites/s/suite.yaml", "name: s\n");

        Assert.Null(PricingTable.Resolve(suite, _ => null).Find("acme-llm"));
    }

    [Fact]
    public void ABadPriceIsAnErrorNamingFileLineAndField()
    {
        var ex = Assert.Throws<EvalConfigurationException>(() => PricingTable.Parse(
            "{\n  \"models\": {\n    \"acme-llm\": { \"input\": -1, \"output\": \"2\" },\n    \"other\": { \"input\": 1, \"ouput\": 2 }\n  }\n}\n", "prices.json"));

        Assert.Equal(
        [
            "prices.json(3,19): error EVH013: models.acme-llm.input: must be a number of US dollars per million tokens, 0 or more",
            "prices.json(3,32): error EVH013: models.acme-llm.output: must be a number of US dollars per million tokens, 0 or more",
            "prices.json(4,28): error EVH013: models.other.ouput: unknown key; known keys: input, output, cachedInput, provider, aliases, note",
            "prices.json(4,5): error EVH013: models.other: \"output\" is required (USD per million tokens)",
        ], ex.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void InvalidJsonIsAnErrorWithItsLine()
    {
        var ex = Assert.Throws<EvalConfigurationException>(() => PricingTable.Parse("{\n  \"models\": {\n    \"a\": { \"input\": 1 \"output\": 2 }\n  }\n}", "prices.json"));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(3, error.Location.Line);
        Assert.StartsWith("prices.json(3,", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("error EVH013: the pricing file is not valid JSON", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingOverrideFileIsAnError()
    {
        var ex = Assert.Throws<EvalConfigurationException>(() =>
            PricingTable.Resolve(null, name => name == PricingTable.EnvironmentVariable ? Path.Combine(_workspace.Root, "missing.json") : null));

        Assert.StartsWith("EVALHARNESS_PRICING=", ex.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("cannot read the pricing file", ex.Errors[0].Message, StringComparison.Ordinal);
    }
}
