using EvalHarness.Suites;

namespace EvalHarness.Tests.Suites;

public sealed class SuiteParserTests
{
    private static (SuiteDefinition? Suite, List<ConfigError> Errors) Parse(string yaml)
    {
        var errors = new List<ConfigError>();
        var suite = new SuiteParser().Parse(yaml.ReplaceLineEndings("\n"), "eval-suites/x/suite.yaml", errors);
        return (suite, errors);
    }

    private static string Single(string yaml)
    {
        var (suite, errors) = Parse(yaml);
        Assert.Null(suite);
        return Assert.Single(errors).ToString();
    }

    [Fact]
    public void ParsesTheDesignExample()
    {
        var (suite, errors) = Parse("""
            name: support-faq
            dataset: ../../datasets/support-faq.jsonl
            mapping: { input: question, expected: answer, context: docs[*].text }
            target: { prompt: prompts/faq.txt, model: gpt-4o-mini }
            metrics:
              - contains: { value: "refund" }
              - { type: regex, value: "^A" }
              - is-json
              - latency: { max_ms: 3000 }
            gate:
              min_pass_rate: 0.9
              regression: { alpha: 0.05, margin: 0.02 }
              budget_usd: 2.00
            """);

        Assert.Empty(errors);
        Assert.NotNull(suite);
        Assert.Equal("support-faq", suite.Name);
        Assert.Equal("question", suite.Mapping.PathOf("input"));
        Assert.Equal("docs[*].text", suite.Mapping.PathOf("context"));
        Assert.Equal("tags", suite.Mapping.PathOf("tags"));
        Assert.True(suite.Mapping.IsExplicit("expected"));
        Assert.False(suite.Mapping.IsExplicit("tags"));
        Assert.Equal(TargetKind.Prompt, suite.Target.Kind);
        Assert.True(suite.Target.PromptIsFile);
        Assert.Equal(["contains", "regex", "is-json", "latency"], suite.Metrics.Select(m => m.Name));
        Assert.Equal(0.9, suite.Gate!.MinPassRate);
        Assert.Equal(0.05, suite.Gate.RegressionAlpha);
        Assert.Equal(2.0, suite.Gate.BudgetUsd);
        Assert.Equal(SuiteDefinition.DefaultMaxConcurrency, suite.MaxConcurrency);
    }

    [Fact]
    public void UnknownTopLevelKeyIsAnErrorWithLineAndHint() =>
        Assert.Equal(
            "eval-suites/x/suite.yaml(3,1): error EVH003: max-concurrency: unknown key 'max-concurrency'; did you mean 'max_concurrency'? " +
            "allowed here: name, description, dataset, mapping, target, provider, judge, metrics, gate, max_concurrency, timeout_ms",
            Single("""
                name: x
                dataset: d.jsonl
                max-concurrency: 3
                """));

    [Fact]
    public void YamlSyntaxErrorNamesLineAndColumn()
    {
        var text = Single("""
            name: x
            dataset: [d.jsonl
            """);
        Assert.StartsWith("eval-suites/x/suite.yaml(", text, StringComparison.Ordinal);
        Assert.Contains("error EVH002: YAML syntax error", text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownMetricSuggestsTheClosestName() =>
        Assert.StartsWith(
            "eval-suites/x/suite.yaml(4,5): error EVH004: metrics[0]: unknown metric 'contians'; did you mean 'contains'?",
            Single("""
                name: x
                dataset: d.jsonl
                metrics:
                  - contians: { value: a }
                """), StringComparison.Ordinal);

    [Fact]
    public void InvalidRegexIsALoadTimeError()
    {
        var text = Single("""
            name: x
            dataset: d.jsonl
            metrics:
              - regex: { value: "([a-z" }
            """);
        Assert.StartsWith("eval-suites/x/suite.yaml(4,21): error EVH005: metrics[0].regex.value: invalid regular expression:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownMetricParameterListsTheAcceptedOnes() =>
        Assert.Equal(
            "eval-suites/x/suite.yaml(4,27): error EVH005: metrics[0].contains.values: unknown parameter 'values' for metric 'contains'; " +
            "it accepts: value, field, threshold, metric",
            Single("""
                name: x
                dataset: d.jsonl
                metrics:
                  - contains: { value: a, values: b }
                """));

    [Fact]
    public void ValueAndFieldTogetherAreRejected() =>
        Assert.Equal(
            "eval-suites/x/suite.yaml(4,5): error EVH005: metrics[0].contains: give either 'value' or 'field', not both",
            Single("""
                name: x
                dataset: d.jsonl
                metrics:
                  - contains: { value: a, field: b }
                """));

    [Fact]
    public void ThresholdOutOfRangeHasItsOwnCode() =>
        Assert.Equal(
            "eval-suites/x/suite.yaml(4,38): error EVH011: metrics[0].contains.threshold: 1.5 is out of range; expected a value from 0 to 1",
            Single("""
                name: x
                dataset: d.jsonl
                metrics:
                  - contains: { value: a, threshold: 1.5 }
                """));

    [Fact]
    public void MinPassRateOutOfRange() =>
        Assert.Equal(
            "eval-suites/x/suite.yaml(3,24): error EVH011: gate.min_pass_rate: 90 is out of range; expected a value from 0 to 1",
            Single("""
                name: x
                dataset: d.jsonl
                gate: { min_pass_rate: 90 }
                """));

    [Fact]
    public void MissingRequiredKeysAreAllReported()
    {
        var (suite, errors) = Parse("description: nothing else\n");
        Assert.Null(suite);
        Assert.Equal(
            [
                "eval-suites/x/suite.yaml(1,1): error EVH013: name: required key 'name' is missing",
                "eval-suites/x/suite.yaml(1,1): error EVH013: dataset: required key 'dataset' is missing",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ApiKeysNeverGoInFiles() =>
        Assert.Equal(
            "eval-suites/x/suite.yaml(3,36): error EVH013: provider.api_key_env: expected the NAME of an environment variable (keys never go in files)",
            Single("""
                name: x
                dataset: d.jsonl
                provider: { model: m, api_key_env: "sk-live-123" }
                """));

    [Fact]
    public void PromptTargetNeedsAModel() =>
        Assert.Equal(
            "eval-suites/x/suite.yaml(3,9): error EVH013: target.model: a prompt target needs a model: set 'target.model' or 'provider.model' (EVALHARNESS_MODEL overrides either)",
            Single("""
                name: x
                dataset: d.jsonl
                target: { prompt: "Answer: {{input}}" }
                """));

    [Fact]
    public void OutputTargetRejectsModelSettings() =>
        Assert.Equal(
            "eval-suites/x/suite.yaml(3,27): error EVH013: target.model: 'model' has no effect when the output comes from the dataset",
            Single("""
                name: x
                dataset: d.jsonl
                target: { output: answer, model: m }
                """));

    [Fact]
    public void NotFormsAndScalarShorthandParse()
    {
        var (suite, errors) = Parse("""
            name: x
            dataset: d.jsonl
            metrics:
              - not-contains: "As an AI"
              - { type: not-regex, value: "\\d{3}" }
            """);
        Assert.Empty(errors);
        Assert.True(suite!.Metrics[0].Negated);
        Assert.Equal("As an AI", suite.Metrics[0].Get("value")!.Scalar);
        Assert.Equal("not-regex", suite.Metrics[1].Name);
    }

    [Fact]
    public void BadMappingPathIsReported() =>
        Assert.Equal(
            "eval-suites/x/suite.yaml(3,21): error EVH013: mapping.context: 'docs[x].text': an index is a whole number or '*', found 'x'",
            Single("""
                name: x
                dataset: d.jsonl
                mapping: { context: "docs[x].text" }
                """));
}
