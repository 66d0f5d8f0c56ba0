extern alias generator;

using generator::EvalHarness.Generators;
using Microsoft.CodeAnalysis;

namespace EvalHarness.Generators.Tests;

/// <summary>Every diagnostic in the catalogue (docs/diagnostics.md): id, message and location.</summary>
public sealed class DiagnosticTests
{
    private const string Suite = GeneratorHarness.Root + "eval-suites/faq/suite.yaml";
    private const string Dataset = GeneratorHarness.Root + "datasets/faq.jsonl";

    private static string Only(GeneratorHarness harness, string id)
    {
        var (_, _, diagnostics) = harness.Run();
        return GeneratorHarness.Format(Assert.Single(diagnostics, d => d.Id == id));
    }

    private static GeneratorHarness WithSuite(string suite) => Samples.Faq().WithFile("eval-suites/faq/suite.yaml", suite);

    [Fact]
    public void Evh001SuiteFileMissing() =>
        Assert.Equal("/repo/Evals.cs(13,12): error EVH001: suite file 'eval-suites/nope/suite.yaml' is not among the project's AdditionalFiles " +
            "(paths are relative to $(EvalHarnessRoot): /repo/)",
            Only(Samples.Faq().WithSource(Samples.BoundClass.Replace("eval-suites/faq/suite.yaml", "eval-suites/nope/suite.yaml", StringComparison.Ordinal)), "EVH001"));

    [Fact]
    public void Evh002YamlSyntax() =>
        Assert.StartsWith(Suite + "(3,1): error EVH002: YAML syntax error:", Only(WithSuite("name: faq\ndataset: [x\n"), "EVH002"), StringComparison.Ordinal);

    [Fact]
    public void Evh003UnknownKey() =>
        Assert.StartsWith(Suite + "(3,1): error EVH003: datset: unknown key 'datset';",
            Only(WithSuite("name: faq\ndataset: ../../datasets/faq.jsonl\ndatset: x\nmapping: { input: question }\n"), "EVH003"), StringComparison.Ordinal);

    [Fact]
    public void Evh004UnknownMetric() =>
        Assert.StartsWith(Suite + "(5,5): error EVH004: metrics[0]: unknown metric 'contians'; did you mean 'contains'?",
            Only(WithSuite(Samples.FaqSuite.Replace("contains: refund", "contians: refund", StringComparison.Ordinal)), "EVH004"), StringComparison.Ordinal);

    [Fact]
    public void Evh005InvalidMetricParameter() =>
        Assert.StartsWith(Suite + "(5,21): error EVH005: metrics[0].regex.value: invalid regular expression:",
            Only(WithSuite(Samples.FaqSuite.Replace("contains: refund", "regex: { value: \"(a\" }", StringComparison.Ordinal)), "EVH005"), StringComparison.Ordinal);

    [Fact]
    public void Evh006DatasetMissing() =>
        Assert.StartsWith(Suite + "(2,10): error EVH006: dataset: dataset file '../../datasets/other.jsonl' is not among the project's AdditionalFiles",
            Only(WithSuite(Samples.FaqSuite.Replace("faq.jsonl", "other.jsonl", StringComparison.Ordinal)), "EVH006"), StringComparison.Ordinal);

    [Fact]
    public void Evh007MalformedDatasetLine() =>
        Assert.StartsWith(Dataset + "(2,",
            Only(Samples.Faq().WithFile("datasets/faq.jsonl", "{\"id\":\"a\",\"question\":\"q\"}\n{\"id\":\"b\",\"question\": oops}\n"), "EVH007"),
            StringComparison.Ordinal);

    [Fact]
    public void Evh008MappedFieldMissing() =>
        Assert.StartsWith(Dataset + "(2,1): error EVH008: input (question):",
            Only(Samples.Faq().WithFile("datasets/faq.jsonl", "{\"id\":\"a\",\"question\":\"q\"}\n{\"id\":\"b\",\"prompt\":\"q\"}\n"), "EVH008"),
            StringComparison.Ordinal);

    [Fact]
    public void Evh009DuplicateCaseId() =>
        Assert.StartsWith(Dataset + "(2,",
            Only(Samples.Faq().WithFile("datasets/faq.jsonl", "{\"id\":\"a\",\"question\":\"q\"}\n{\"id\":\"a\",\"question\":\"r\"}\n"), "EVH009"),
            StringComparison.Ordinal);

    [Fact]
    public void Evh010JudgeNotConfigured() =>
        Assert.Equal(Suite + "(5,5): error EVH010: metrics[0].relevance: 'relevance' is an LLM-judge metric but the suite has no 'judge:' section; add 'judge: { model: <model> }'",
            Only(WithSuite(Samples.FaqSuite.Replace("contains: refund", "relevance: {}", StringComparison.Ordinal)), "EVH010"));

    [Fact]
    public void Evh011ThresholdOutOfRange() =>
        Assert.Equal(Suite + "(5,38): error EVH011: metrics[0].contains.threshold: 2 is out of range; expected a value from 0 to 1",
            Only(WithSuite(Samples.FaqSuite.Replace("contains: refund", "contains: { value: x, threshold: 2 }", StringComparison.Ordinal)), "EVH011"));

    [Fact]
    public void Evh012EvalTargetMissing() =>
        Assert.StartsWith("/repo/Evals.cs(14,22): error EVH012: class 'FaqEvals' binds a suite but has no [EvalTarget] method;",
            Only(Samples.Faq().WithSource(Samples.BoundClass.Replace("[EvalTarget]", string.Empty, StringComparison.Ordinal)), "EVH012"), StringComparison.Ordinal);

    [Fact]
    public void Evh012EvalTargetWrongSignature() =>
        Assert.StartsWith("/repo/Evals.cs(17,31): error EVH012: [EvalTarget] method 'AnswerAsync' takes (string, System.Threading.CancellationToken);",
            Only(Samples.Faq().WithSource(Samples.BoundClass.Replace("AnswerAsync(EvalCase c, CancellationToken ct) => bot.AnswerAsync(c.Input, ct)",
                "AnswerAsync(string c, CancellationToken ct) => bot.AnswerAsync(c, ct)", StringComparison.Ordinal)), "EVH012"), StringComparison.Ordinal);

    [Fact]
    public void Evh013InvalidValue() =>
        Assert.Equal(Suite + "(1,7): error EVH013: name: use letters, digits, '-', '_' and '.' only (it names files)",
            Only(WithSuite(Samples.FaqSuite.Replace("name: faq", "name: f/q", StringComparison.Ordinal)), "EVH013"));

    [Fact]
    public void Evh014UnknownPlaceholder() =>
        Assert.StartsWith(Suite + "(3,",
            Only(WithSuite("name: faq\ndataset: ../../datasets/faq.jsonl\ntarget: { prompt: \"Q: {{question}}\", model: m }\nmapping: { input: question }\n"), "EVH014"),
            StringComparison.Ordinal);

    [Fact]
    public void Evh015SuiteWithoutTargetOrBinding() =>
        Assert.Equal(Suite + "(1,1): warning EVH015: suite 'faq' has no 'target:' and no [EvalSuite] class binds it, so it has no tests; " +
            "add 'target:' or bind it with [EvalSuite(\"…\")]",
            Only(Samples.Faq().WithSource("namespace App; public static class Nothing { }"), "EVH015"));

    [Fact]
    public void Evh016ClassNotPartial() =>
        Assert.Equal("/repo/Evals.cs(14,14): error EVH016: class 'FaqEvals' has [EvalSuite] but must be a non-generic, top-level 'partial' class so the generator can add its tests",
            Only(Samples.Faq().WithSource(Samples.BoundClass.Replace("public partial class FaqEvals", "public class FaqEvals", StringComparison.Ordinal)), "EVH016"));

    [Fact]
    public void Evh017FixtureWithSeveralConstructors() =>
        Assert.Equal("/repo/Evals.cs(14,35): error EVH017: constructor parameter 'bot' of type App.Bot cannot be an xUnit class fixture: it has 2 public " +
            "constructors and xUnit creates fixtures through exactly one; take a small fixture class that creates it instead",
            Only(Samples.Faq().WithSource(Samples.BoundClass.Replace("public sealed class Bot\n{", "public sealed class Bot\n{ public Bot() { } public Bot(int x) { }",
                StringComparison.Ordinal)), "EVH017"));

    [Fact]
    public void EveryCatalogueEntryIsDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(FindRepositoryRoot(), "docs", "diagnostics.md"));
        foreach (var descriptor in typeof(EvalSuiteGenerator).Assembly.GetType("EvalHarness.Generators.Diagnostics.DiagnosticDescriptors")!
                     .GetProperty("All")!.GetValue(null) as IEnumerable<DiagnosticDescriptor> ?? [])
        {
            Assert.Contains("## " + descriptor.Id, docs, StringComparison.Ordinal);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvalHarness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
