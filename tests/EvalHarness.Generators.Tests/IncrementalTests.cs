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
        var driver = harness.Driver().RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App; public static class Unrelated { public static int X => 1; }",
            new CSharpParseOptions(LanguageVersion.Latest), path: "/repo/Unrelated.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { StepNames.SuiteFiles, StepNames.Suites, StepNames.Bindings, StepNames.SuiteOutputs })
        {
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void ChangingOneSuiteModifiesExactlyOneOutput()
    {
        var harness = TwoSuites();
        var compilation = harness.Compilation();
        var driver = harness.Driver().RunGenerators(compilation);

        var old = driver.GetRunResult().Results.Single();
        Assert.Equal(3, old.GeneratedSources.Length);
        var oldText = harness.File("eval-suites/logs/suite.yaml");
        driver = driver.ReplaceAdditionalText(oldText, new GeneratorHarness.MemoryText(oldText.Path, Samples.LogsSuite + "  - is-json\n"));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        var outputs = result.TrackedSteps[StepNames.SuiteOutputs].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(1, outputs.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, outputs.Count(o => o.Reason == IncrementalStepRunReason.Cached));
        var sourceOutputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Equal(1, sourceOutputs.Count(o => o.Reason == IncrementalStepRunReason.Modified));
    }
}
