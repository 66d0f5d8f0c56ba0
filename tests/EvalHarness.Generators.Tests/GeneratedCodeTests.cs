using System.Text;

namespace EvalHarness.Generators.Tests;

public sealed class GeneratedCodeTests
{
    private static void MatchesSnapshot(string name, string actual)
    {
        var verified = Path.Combine(AppContext.BaseDirectory, "Snapshots", name + ".verified.cs");
        var expected = File.Exists(verified) ? File.ReadAllText(verified) : string.Empty;
        if (expected != actual)
        {
            // Like Verify: write what was produced beside the snapshot so a reviewer can diff and accept it.
            var source = Path.Combine(FindProjectDirectory(), "Snapshots", name + ".received.cs");
            File.WriteAllText(source, actual, new UTF8Encoding(false));
            Assert.Fail("generated code differs from Snapshots/" + name + ".verified.cs; review " + source + " and rename it to .verified.cs to accept");
        }
    }

    private static string FindProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvalHarness.Generators.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    [Fact]
    public void BoundSuiteCompletesThePartialClass()
    {
        var (result, _, diagnostics) = Samples.Faq().Run();

        Assert.Empty(diagnostics);
        var sources = result.Results.Single().GeneratedSources;
        Assert.Equal(2, sources.Length);
        MatchesSnapshot("FaqEvals", sources.Single(s => s.HintName.StartsWith("EvalHarness.faq.", StringComparison.Ordinal)).SourceText.ToString());
        MatchesSnapshot("AssemblyFixture", sources.Single(s => s.HintName == "EvalHarness.AssemblyFixture.g.cs").SourceText.ToString());
    }

    [Fact]
    public void SuiteWithItsOwnTargetGetsAGeneratedClass()
    {
        var (result, _, diagnostics) = new GeneratorHarness()
            .WithFile("eval-suites/logs/suite.yaml", Samples.LogsSuite)
            .WithFile("datasets/logs.jsonl", Samples.LogsDataset)
            .Run();

        Assert.Empty(diagnostics);
        MatchesSnapshot("LogsEvals", result.Results.Single().GeneratedSources.Single(s => s.HintName.StartsWith("EvalHarness.logs.", StringComparison.Ordinal)).SourceText.ToString());
    }

    [Fact]
    public void GeneratedCodeCompilesAgainstTheRuntime()
    {
        var (_, output, _) = Samples.Faq()
            .WithFile("eval-suites/logs/suite.yaml", Samples.LogsSuite)
            .WithFile("datasets/logs.jsonl", Samples.LogsDataset)
            .Run();

        var errors = output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(GeneratorHarness.Format).ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public void DatasetContentNeverReachesGeneratedCode()
    {
        var big = string.Join("\n", Enumerable.Range(0, 10_000).Select(i => "{\"id\":\"case-" + i + "\",\"question\":\"secret-" + i + "\"}"));
        var (result, _, diagnostics) = Samples.Faq().WithFile("datasets/faq.jsonl", big).Run();

        Assert.Empty(diagnostics);
        var generated = string.Concat(result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.DoesNotContain("secret-", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("case-9999", generated, StringComparison.Ordinal);
        Assert.InRange(generated.Length, 100, 4_000);
    }
}
