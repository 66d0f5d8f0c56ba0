extern alias generator;

using generator::EvalHarness.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EvalHarness.Generators.Tests;

/// <summary>The generator's steps cache: an unrelated C# edit re-emits nothing; one changed suite re-emits one suite.</summary>
public sealed class IncrementalTests
{
    private static GeneratorHarness TwoSuites() => Samples.Faq()
        .WithFile("eval-suites/logs/suite.yaml", Samples.LogsSuite)
        .WithFile("datasets/logs.jsonl", Samples.LogsDataset);

    [Fact]
    public void UnrelatedCSharpEditLeavesEveryStepCached()
    {
        var harness = TwoSuites();
        var compilation = harness.Compilation();
        var driver = harness.Driver().RunGenerators(compilation, TestContext.Current.CancellationToken);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App; public static class Unrelated { public static int X => 1; }",
            new CSharpParseOptions(LanguageVersion.Latest), path: "/repo/Unrelated.cs", cancellationToken: TestContext.Current.CancellationToken));
        var result = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        foreach (var step in new[] { StepNames.SuiteFiles, StepNames.Suites, StepNames.SuiteOutputs })
        {
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }

        // The attribute step re-reads the class against the new compilation and finds it equal.
        Assert.All(result.TrackedSteps[StepNames.Bindings].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void ChangingOneSuiteModifiesExactlyOneOutput()
    {
        var harness = TwoSuites();
        var compilation = harness.Compilation();
        var driver = harness.Driver().RunGenerators(compilation, TestContext.Current.CancellationToken);

        var old = driver.GetRunResult().Results.Single();
        Assert.Equal(3, old.GeneratedSources.Length);
        var oldText = harness.File("eval-suites/logs/suite.yaml");
        driver = driver.ReplaceAdditionalText(oldText, new GeneratorHarness.MemoryText(oldText.Path, Samples.LogsSuite.Replace("name: logs", "name: logs-v2", StringComparison.Ordinal)));
        var result = driver.RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        var outputs = result.TrackedSteps[StepNames.SuiteOutputs].SelectMany(s => s.Outputs).ToList();
        Assert.True(outputs.Count(o => o.Reason == IncrementalStepRunReason.Modified) == 1,
            string.Join(", ", result.TrackedSteps.Select(s => s.Key + ":" + string.Join("/", s.Value.SelectMany(v => v.Outputs).Select(o => o.Reason)))));
        Assert.Equal(1, outputs.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, outputs.Count(o => o.Reason == IncrementalStepRunReason.Cached));
        var sourceOutputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Equal(1, sourceOutputs.Count(o => o.Reason == IncrementalStepRunReason.Modified));
    }

    [Fact]
    public void EditingOnlyMetricsReEmitsNothing()
    {
        // Generated code does not depend on metrics (they are read at run time), so the suite model compares equal.
        var harness = TwoSuites();
        var compilation = harness.Compilation();
        var driver = harness.Driver().RunGenerators(compilation, TestContext.Current.CancellationToken);
        var oldText = harness.File("eval-suites/logs/suite.yaml");
        driver = driver.ReplaceAdditionalText(oldText, new GeneratorHarness.MemoryText(oldText.Path, Samples.LogsSuite + "  - is-json\n"));
        var result = driver.RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Unchanged, result.TrackedSteps[StepNames.Suites].SelectMany(s => s.Outputs).Select(o => o.Reason));
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason));
    }
}
