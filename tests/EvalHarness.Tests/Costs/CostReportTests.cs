using EvalHarness.Costs;
using EvalHarness.Running;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Costs;

public sealed class CostReportTests
{
    private static CaseResult Case(string id, Verdict verdict, CallCost? cost, string[] tags, long input = 0, long output = 0, bool replayed = false) => new()
    {
        Id = id,
        Verdict = verdict,
        Tags = tags,
        Measurements = new CallMeasurements
        {
            Cost = cost,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output },
            Replayed = replayed,
        },
    };

    private static CallCost Known(string model, decimal usd) => new() { Model = model, PricedAs = model, Usd = usd };

    private static IReadOnlyList<SuiteResult> Suites() =>
    [
        new SuiteResult
        {
            Name = "faq",
            File = "faq.yaml",
            Cases =
            [
                Case("a", Verdict.Pass, Known("gpt-4o-mini", 0.010m), ["billing"], 1_000, 100, replayed: true),
                Case("b", Verdict.Pass, Known("gpt-4o-mini", 0.030m), ["billing", "refunds"], 3_000, 300),
                Case("c", Verdict.Fail, Known("gpt-4o", 0.200m), [], 500, 50),
                Case("d", Verdict.Error, null, ["refunds"]),
            ],
        },
        new SuiteResult
        {
            Name = "summaries",
            File = "summaries.yaml",
            Cases =
            [
                Case("e", Verdict.Pass, CallCost.Unknown("acme-llm", "no price for model 'acme-llm'; add it to evalharness.pricing.json"), ["refunds"], 10, 10),
                Case("f", Verdict.Pass, CallCost.Unknown("acme-llm", "no price for model 'acme-llm'; add it to evalharness.pricing.json"), [], 10, 10),
            ],
        },
    ];

    [Fact]
    public void TotalsAddKnownCostsAndCountUnknownOnes()
    {
        var report = CostReport.From(Suites());

        Assert.Equal(0.240m, report.Total.KnownUsd);
        Assert.Equal(5, report.Total.Calls);
        Assert.Equal(2, report.Total.UnknownCalls);
        Assert.Null(report.Total.Usd);
        Assert.Equal(4_520, report.Total.InputTokens);
        Assert.Equal(0.010m, report.Total.ReplayedUsd);
        Assert.Equal(report.Total, report.SystemUnderTest);
        Assert.Equal(0, report.Judge.Calls);
        Assert.Equal(4, report.PassingCases);
        Assert.Null(report.CostPerPassingCase);
        Assert.Equal(["cost unknown for 2 calls: no price for model 'acme-llm'; add it to evalharness.pricing.json"], report.Warnings);
    }

    [Fact]
    public void BreakdownsByModelSuiteAndTag()
    {
        var report = CostReport.From(Suites());

        Assert.Equal(["gpt-4o", "gpt-4o-mini", "acme-llm"], report.ByModel.Select(l => l.Key));
        Assert.Equal(0.040m, report.ByModel[1].Cost.Usd);
        Assert.Equal(0.020m, report.ByModel[1].PerPassingCase);
        Assert.Null(report.ByModel[2].Cost.Usd);

        Assert.Equal(["faq", "summaries"], report.BySuite.Select(l => l.Key));
        Assert.Equal(0.240m, report.BySuite[0].Cost.Usd);
        Assert.Equal(0.120m, report.BySuite[0].PerPassingCase);
        Assert.Equal(4, report.BySuite[0].Cases);

        var refunds = report.ByTag.Single(l => l.Key == "refunds");
        Assert.Equal(3, refunds.Cases);
        Assert.Equal(0.030m, refunds.Cost.KnownUsd);
        Assert.Equal(1, refunds.Cost.UnknownCalls);
        Assert.Equal(0.200m, report.ByTag.Single(l => l.Key == CostReport.NoTag).Cost.KnownUsd);
    }

    [Fact]
    public void CostPerPassingCaseOfACompleteRun()
    {
        var report = CostReport.From(Suites()[0]);

        Assert.Equal(0.240m, report.Total.Usd);
        Assert.Equal(0.120m, report.CostPerPassingCase);
    }

    [Fact]
    public void ARunWithoutModelCallsHasNoCostPerPassingCase()
    {
        var report = CostReport.From(new SuiteResult { Name = "logs", File = "logs.yaml", Cases = [Case("a", Verdict.Pass, null, [])] });

        Assert.Equal(0, report.Total.Calls);
        Assert.Equal(0m, report.Total.Usd);
        Assert.Null(report.CostPerPassingCase);
        Assert.Equal("–", CostFormat.Usd(report.Total));
    }

    [Theory]
    [InlineData("2", "$2.00")]
    [InlineData("0.0421", "$0.0421")]
    [InlineData("0.000165", "$0.000165")]
    [InlineData("0.00000015", "$0.00000015")]
    [InlineData("0", "$0.00")]
    public void DollarsAreShownWithEnoughDigits(string usd, string shown) =>
        Assert.Equal(shown, CostFormat.Usd(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void AFigureWithUnknownCallsShowsItsLowerBound()
    {
        Assert.Equal("≥ $0.24 (2 unknown)", CostFormat.Usd(new CostFigure { KnownUsd = 0.24m, Calls = 5, UnknownCalls = 2 }));
        Assert.Equal("unknown", CostFormat.Usd(new CostFigure { Calls = 2, UnknownCalls = 2 }));
    }
}
