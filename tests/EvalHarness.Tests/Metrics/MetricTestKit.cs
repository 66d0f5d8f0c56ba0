using System.Text.Json.Nodes;
using EvalHarness.Metrics;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Metrics;

/// <summary>Builds metrics the way users reach them: one <c>metrics:</c> entry of a suite file, parsed and created through the registry.</summary>
internal static class MetricTestKit
{
    public const string SuiteFile = "eval-suites/demo/suite.yaml";

    /// <summary>Parses a suite whose only metric is <paramref name="entry"/> (the text after "- ") and creates it.</summary>
    public static IMetric Create(string entry, MetricRegistry? registry = null)
    {
        registry ??= MetricRegistry.CreateDefault();
        var errors = new List<ConfigError>();
        var suite = new SuiteParser(registry.CustomDescriptors).Parse(Suite(entry), SuiteFile, errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return registry.Create(suite!.Metrics[0]);
    }

    /// <summary>The first load-time error of the entry: from the parser (also the analyzer's check) or from creating the metric.</summary>
    public static string LoadError(string entry, MetricRegistry? registry = null)
    {
        registry ??= MetricRegistry.CreateDefault();
        var errors = new List<ConfigError>();
        var suite = new SuiteParser(registry.CustomDescriptors).Parse(Suite(entry), SuiteFile, errors);
        if (suite is not null)
        {
            registry.CreateAll(suite.Metrics, errors);
        }

        Assert.NotEmpty(errors);
        return errors[0].ToString();
    }

    public static async Task<MetricResult> Evaluate(IMetric metric, string output, string? expected = null, JsonObject? fields = null, string input = "question",
        ChatResponse? response = null, CallMeasurements? measurements = null)
    {
        var @case = new EvalCase("case-1", input, expected: expected, fields: fields, source: new SourceLocation("datasets/demo.jsonl", 3, 1));
        return await metric.EvaluateAsync(new MetricContext(@case, output, response, measurements ?? CallMeasurements.None), TestContext.Current.CancellationToken);
    }

    public static Task<MetricResult> Run(string entry, string output, string? expected = null, JsonObject? fields = null, string input = "question",
        ChatResponse? response = null, CallMeasurements? measurements = null) =>
        Evaluate(Create(entry), output, expected, fields, input, response, measurements);

    private static string Suite(string entry) => "name: demo\ndataset: ../../datasets/demo.jsonl\nmetrics:\n  - " + entry + "\n";
}
