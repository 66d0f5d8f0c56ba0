using System.Runtime.CompilerServices;
using EvalHarness.Judging;
using EvalHarness.Metrics;
using EvalHarness.Suites;
using static EvalHarness.Tests.Judging.JudgeTestKit;

namespace EvalHarness.Tests.Judging;

/// <summary>Every judge metric is in the catalogue, implemented, documented, and has a valid shipped prompt; bad settings fail the load.</summary>
public sealed class JudgeCatalogTests
{
    [Fact]
    public void EveryJudgeMetric_IsInTheCatalogue_Implemented_AndDocumented()
    {
        var registry = MetricRegistry.CreateDefault();
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "judges.md"));

        Assert.Equal(["relevance", "faithfulness", "hallucination", "correctness", "completeness", "coherence", "fluency", "rubric", "pairwise", "conversation"],
            MetricCatalog.Judges.Select(d => d.Name));
        Assert.All(MetricCatalog.Judges, d =>
        {
            Assert.Equal(MetricFamily.Judge, d.Family);
            Assert.True(registry.Implements(d.Name), d.Name + " has no implementation");
            Assert.Same(d, MetricCatalog.Find(d.Name));
            Assert.Contains("\n### `" + d.Name + "`", docs, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EveryShippedPrompt_ParsesAndIsListed()
    {
        Assert.Equal(["coherence.md", "completeness.md", "conversation.md", "correctness.md", "faithfulness.md", "fluency.md", "hallucination.md", "pairwise.md",
            "relevance.md", "repair.md", "rubric-steps.md", "rubric.md"], JudgePromptLibrary.Names);
        Assert.All(JudgePromptLibrary.Names, name => Assert.StartsWith("sha256:", JudgePrompt.BuiltIn(name).Hash, StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => JudgePromptLibrary.Read("nope.md"));
    }

    [Theory]
    [InlineData("relevance: { aggregate: mode }", "suite.yaml(5,29): error EVH005: metrics[0].relevance.aggregate: expected mean, median or majority, found 'mode'")]
    [InlineData("relevance: { samples: 0 }", "suite.yaml(5,27): error EVH005: metrics[0].relevance.samples: 0 is out of range; expected a value from 1 to 100")]
    [InlineData("relevance: { sample: 1.5 }", "suite.yaml(5,26): error EVH005: metrics[0].relevance.sample: 1.5 is out of range; expected a value from 0 to 1")]
    [InlineData("rubric", "suite.yaml(5,5): error EVH005: metrics[0].rubric.criteria: metric 'rubric' requires 'criteria' (what a good response does, in your words)")]
    [InlineData("relevance: { temperature: 3 }", "suite.yaml(5,31): error EVH005: metrics[0].relevance.temperature: 3 is out of range; expected a value from 0 to 2")]
    [InlineData("not-relevance", "suite.yaml(5,5): error EVH004: metrics[0]: metric 'relevance' has no 'not-' form")]
    public void BadJudgeSettings_FailTheLoadWithFileLineAndField(string entry, string expected) =>
        Assert.EndsWith(expected, LoadError(entry), StringComparison.Ordinal);

    [Fact]
    public void AJudgeMetricWithoutAJudgeSection_IsEvh010()
    {
        var errors = new List<ConfigError>();

        new SuiteParser().Parse("name: x\ndataset: d.jsonl\nmetrics:\n  - relevance\n", "suite.yaml", errors);

        Assert.Equal("suite.yaml(4,5): error EVH010: metrics[0].relevance: 'relevance' is an LLM-judge metric but the suite has no 'judge:' section; add 'judge: { model: <model> }'",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void JudgeOptions_ComeFromTheJudgeSection_AndTheEnvironmentsModel()
    {
        var errors = new List<ConfigError>();
        var suite = new SuiteParser().Parse("name: x\ndataset: d.jsonl\njudge: { model: gpt-4o-mini, temperature: 0.3, samples: 3, seed: 9, max_tokens: 200, aggregate: majority }\n",
            "suite.yaml", errors)!;

        var options = JudgeOptions.FromDefinition(suite.Judge, name => name == "EVALHARNESS_JUDGE_MODEL" ? "local-judge" : null);

        Assert.Equal(("gpt-4o-mini", "local-judge", 0.3, 3, 9, 200, JudgeAggregate.Majority),
            (options.Model, options.ModelOverride, options.Temperature, options.Samples, options.Seed, options.MaxTokens!.Value, options.Aggregate));
        Assert.Equal((0.0, JudgeOptions.DefaultSeed, 1, JudgeAggregate.Mean), (new JudgeOptions().Temperature, new JudgeOptions().Seed, new JudgeOptions().Samples, new JudgeOptions().Aggregate));
    }

    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EvalHarness.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EvalHarness.sln not found above " + sourceFile);
    }
}
