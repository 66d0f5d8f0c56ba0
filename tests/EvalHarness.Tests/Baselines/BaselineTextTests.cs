using System.Text;
using EvalHarness.Baselines;

namespace EvalHarness.Tests.Baselines;

public sealed class BaselineTextTests
{
    private static Baseline Sample() => new()
    {
        Suite = "faq",
        Provenance = new BaselineProvenance
        {
            Model = "gpt-4o-mini",
            PromptHash = "sha256:aa",
            JudgeModel = "judge-1",
            RubricHash = "sha256:bb",
            DatasetHash = "sha256:cc",
            HarnessVersion = "0.1.0",
        },
        Cases =
        [
            new BaselineCase("b", Verdict.Fail, new Dictionary<string, BaselineMetric>
            {
                ["relevance"] = new(0.25, Verdict.Fail),
                ["contains"] = new(1, Verdict.Pass),
            }, 120, 0.00012345),
            new BaselineCase("a", Verdict.Pass, new Dictionary<string, BaselineMetric> { ["relevance"] = new(0.75, Verdict.Pass) }, null, null),
        ],
    };

    [Fact]
    public void TextIsCanonicalWithOneCasePerLine()
    {
        var text = Sample().ToCanonicalText();

        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        var lines = text.Split('\n');
        var caseLines = lines.Where(l => l.StartsWith("    {\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, caseLines.Count);

        // Cases sorted by id; keys sorted within each case; measurements left out when not taken; numbers as plain decimals.
        Assert.Equal("    {\"id\":\"a\",\"metrics\":{\"relevance\":{\"score\":0.75,\"verdict\":\"pass\"}},\"verdict\":\"pass\"},", caseLines[0]);
        Assert.Equal("    {\"costUsd\":0.00012345,\"id\":\"b\",\"latencyMs\":120,\"metrics\":{\"contains\":{\"score\":1,\"verdict\":\"pass\"}," +
            "\"relevance\":{\"score\":0.25,\"verdict\":\"fail\"}},\"verdict\":\"fail\"}", caseLines[1]);

        // Top-level keys in ordinal order.
        var keys = lines.Where(l => l.StartsWith("  \"", StringComparison.Ordinal)).Select(l => l.Split('"')[1]).ToList();
        Assert.Equal(["aggregates", "cases", "formatVersion", "provenance", "suite"], keys);
    }

    [Fact]
    public void ParsingTheTextGivesTheSameBaseline()
    {
        var original = Sample();

        var parsed = Baseline.Parse(original.ToCanonicalText(), "faq.baseline.json");

        Assert.Equal(original.Suite, parsed.Suite);
        Assert.Equal(original.Provenance, parsed.Provenance);
        Assert.Equal(original.Cases.Count, parsed.Cases.Count);
        var b = parsed.Cases.Single(c => c.Id == "b");
        Assert.Equal(120, b.LatencyMs);
        Assert.Equal(0.00012345, b.CostUsd);
        Assert.Equal(new BaselineMetric(0.25, Verdict.Fail), b.Metrics["relevance"]);
        Assert.Null(parsed.Cases.Single(c => c.Id == "a").LatencyMs);
        Assert.Equal(parsed.ToCanonicalText(), original.ToCanonicalText());
    }

    [Fact]
    public void ScoresAreRoundedToSixDecimalsAndRepeatedNamesNumbered()
    {
        var metrics = Baseline.MetricsOf([("contains", 0.123456789, Verdict.Pass), ("contains", -0.0000001, Verdict.Fail), ("contains", null, Verdict.Error)]);

        Assert.Equal(["contains", "contains#2", "contains#3"], metrics.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0.123457, metrics["contains"].Score);
        Assert.Equal("0", metrics["contains#2"].Score!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(metrics["contains#3"].Score);
    }

    [Fact]
    public void AggregatesAreWrittenForReviewers()
    {
        var text = Sample().ToCanonicalText();

        Assert.Contains("\"passRate\": 0.5,", text, StringComparison.Ordinal);
        Assert.Contains("\"meanScore\": 0.5,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidJsonNamesTheFileAndLine()
    {
        var ex = Assert.Throws<BaselineFormatException>(() => Baseline.Parse("{\n  \"cases\": [\n    {,\n  ]\n}\n", "eval-suites/x/baselines/x.baseline.json"));

        Assert.StartsWith("eval-suites/x/baselines/x.baseline.json(3): ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherFormatVersionIsRefusedWithTheWayOut()
    {
        var ex = Assert.Throws<BaselineFormatException>(() => Baseline.Parse("{\"formatVersion\": 99, \"cases\": []}", "x.baseline.json"));

        Assert.Equal("x.baseline.json: formatVersion 99 is not supported (this harness reads 1); accept a new baseline", ex.Message);
    }

    [Fact]
    public void AnUnknownVerdictIsAnError()
    {
        var text = "{\"formatVersion\": 1, \"cases\": [{\"id\": \"a\", \"verdict\": \"great\"}]}";

        var ex = Assert.Throws<BaselineFormatException>(() => Baseline.Parse(text, "x.baseline.json"));

        Assert.Contains("case 'a' has verdict 'great'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrittenFilesAreUtf8WithoutBomAndLf()
    {
        using var workspace = new TempWorkspace();
        var path = Path.Combine(workspace.Root, "baselines", "x.baseline.json");

        BaselineFiles.Write(path, "{\r\n  \"suite\": \"é\"\r\n}\r\n");

        var bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal("{\n  \"suite\": \"é\"\n}\n", Encoding.UTF8.GetString(bytes));
    }
}
