using EvalHarness.Suites;

namespace EvalHarness.Tests.Gate;

public sealed class GateParserTests
{
    private static (SuiteDefinition? Suite, List<ConfigError> Errors) Parse(string gate)
    {
        var errors = new List<ConfigError>();
        var yaml = "name: s\ndataset: d.jsonl\nmetrics:\n  - contains: { value: x, metric: keywords }\n  - token-f1: { metric: overlap }\n" + gate;
        return (new SuiteParser().Parse(yaml, "eval-suites/s/suite.yaml", errors), errors);
    }

    [Fact]
    public void EveryGateKeyIsRead()
    {
        var (suite, errors) = Parse("""
            gate:
              min_pass_rate: 0.8
              min_samples: 30
              metrics:
                keywords: { min_pass_rate: 0.9 }
                overlap: { min_score: 0.6 }
              regression: { alpha: 0.01, margin: 0.02, min_samples: 25, severity: warning }
              drift: { pct_threshold: 0.2, severity: critical }
              different_ruler: fail
              snapshots: true
              budget_usd: 1.5
            """);

        Assert.Empty(errors);
        var gate = suite!.Gate!;
        Assert.Equal(0.8, gate.MinPassRate);
        Assert.Equal(30, gate.MinSamples);
        Assert.Equal(0.9, gate.MetricMinPassRates["keywords"]);
        Assert.Equal(0.6, gate.MetricMinScores["overlap"]);
        Assert.True(gate.HasRegression);
        Assert.Equal(0.01, gate.RegressionAlpha);
        Assert.Equal(0.02, gate.RegressionMargin);
        Assert.Equal(25, gate.RegressionMinSamples);
        Assert.False(gate.RegressionIsCritical);
        Assert.True(gate.HasDrift);
        Assert.Equal(0.2, gate.DriftPctThreshold);
        Assert.True(gate.DriftIsCritical);
        Assert.True(gate.DifferentRulerFails);
        Assert.True(gate.Snapshots);
        Assert.True(gate.UsesBaseline);
        Assert.Equal(1.5, gate.BudgetUsd);
    }

    [Fact]
    public void DefaultsAreConservative()
    {
        var (suite, errors) = Parse("gate: { min_pass_rate: 0.8 }\n");

        Assert.Empty(errors);
        var gate = suite!.Gate!;
        Assert.Null(gate.MinSamples);
        Assert.False(gate.UsesBaseline);
        Assert.Equal(GateDefinition.DefaultRegressionMinSamples, gate.RegressionMinSamples);
        Assert.True(gate.RegressionIsCritical);
        Assert.True(gate.DriftEnabled);
        Assert.False(gate.DriftIsCritical);
        Assert.False(gate.DifferentRulerFails);
        Assert.False(gate.Snapshots);
    }

    [Fact]
    public void DriftCanBeSwitchedOff()
    {
        var (suite, errors) = Parse("gate: { regression: {}, drift: false }\n");

        Assert.Empty(errors);
        Assert.False(suite!.Gate!.DriftEnabled);
        Assert.True(suite.Gate.HasRegression);
    }

    [Theory]
    [InlineData("gate:\n  regression: { severity: high }\n", "eval-suites/s/suite.yaml(7,27): error EVH013: gate.regression.severity: expected 'critical' (fails the run) or 'warning' (reported, the run passes)")]
    [InlineData("gate:\n  different_ruler: maybe\n", "eval-suites/s/suite.yaml(7,20): error EVH013: gate.different_ruler: expected 'warn' (report a baseline measured by another judge model, rubric or dataset) or 'fail'")]
    [InlineData("gate:\n  snapshots: yes please\n", "eval-suites/s/suite.yaml(7,14): error EVH013: gate.snapshots: expected true or false, found 'yes please'")]
    [InlineData("gate:\n  metrics: { relevance: { min_score: 0.5 } }\n", "eval-suites/s/suite.yaml(7,14): error EVH013: gate.metrics.relevance: no metric named 'relevance' in 'metrics:'; the suite's metrics are: keywords, overlap")]
    [InlineData("gate:\n  metrics: { keywords: { min_pass_rate: 2 } }\n", "eval-suites/s/suite.yaml(7,41): error EVH011: gate.metrics.keywords.min_pass_rate: 2 is out of range; expected a value from 0 to 1")]
    [InlineData("gate:\n  drift: { pct: 0.1 }\n", "eval-suites/s/suite.yaml(7,12): error EVH003: gate.drift.pct: unknown key 'pct'; allowed here: pct_threshold, severity")]
    [InlineData("gate:\n  min_samples: 0\n", "eval-suites/s/suite.yaml(7,16): error EVH013: gate.min_samples: expected a whole number of at least 1, found '0'")]
    [InlineData("gate:\n  regresion: {}\n", "eval-suites/s/suite.yaml(7,3): error EVH003: gate.regresion: unknown key 'regresion'; allowed here: min_pass_rate, min_samples, metrics, regression, drift, different_ruler, snapshots, variants, budget_usd")]
    public void BadGateValuesNameFileLineAndField(string gate, string expected)
    {
        var (suite, errors) = Parse(gate);

        Assert.Null(suite);
        Assert.Equal(expected, Assert.Single(errors).ToString());
    }
}
