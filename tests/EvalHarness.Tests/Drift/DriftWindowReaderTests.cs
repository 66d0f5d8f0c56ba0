using EvalHarness.Importing;
using EvalHarness.Suites;

namespace EvalHarness.Tests.DriftWindows;

/// <summary>The JSONL field names of Langfuse, Opik, OpenTelemetry GenAI and EvalHarness exports, and errors naming file, line and field.</summary>
public sealed class DriftWindowReaderTests
{
    [Fact]
    public void LangfuseTraceLineReadsLatencyInSecondsCostTokensAndScores()
    {
        const string line = """{"id":"t-1","name":"support-chat","latency":1.25,"totalCost":0.0021,"usage":{"input":410,"output":96},"level":"DEFAULT","scores":[{"name":"helpfulness","value":0.75}]}""";

        var o = DriftWindowReader.ParseLine(line, "langfuse.jsonl", 1);

        Assert.Equal(1250, o.LatencyMs!.Value, 9);
        Assert.Equal(0.0021, o.CostUsd);
        Assert.Equal(410, o.InputTokens);
        Assert.Equal(96, o.OutputTokens);
        Assert.False(o.IsError);
        Assert.Equal(0.75, o.Scores["helpfulness"]);
    }

    [Fact]
    public void OpikAndOpenTelemetryLinesReadTheirFieldNames()
    {
        var opik = DriftWindowReader.ParseLine("""{"id":"o-1","duration_ms":640,"total_estimated_cost":0.0004,"usage":{"prompt_tokens":120,"completion_tokens":30},"feedback_scores":[{"name":"thumbs","value":0}],"error":{"message":"rate limited"}}""", "opik.jsonl", 3);
        var otel = DriftWindowReader.ParseLine("""{"name":"chat gpt-4o-mini","attributes":{"gen_ai.usage.input_tokens":55,"gen_ai.usage.output_tokens":7},"status":"ERROR"}""", "otel.jsonl", 2);

        Assert.Equal(640, opik.LatencyMs);
        Assert.Equal(0.0004, opik.CostUsd);
        Assert.Equal(120, opik.InputTokens);
        Assert.Equal(30, opik.OutputTokens);
        Assert.True(opik.IsError);
        Assert.Equal(0, opik.Scores["thumbs"]);
        Assert.Equal(55, otel.InputTokens);
        Assert.Equal(7, otel.OutputTokens);
        Assert.True(otel.IsError);
        Assert.Null(otel.LatencyMs);
    }

    [Theory]
    [InlineData("not json", "w.jsonl(4,1): error EVH007: not valid JSON")]
    [InlineData("[1,2]", "w.jsonl(4,1): error EVH007: expected a JSON object per line, found array")]
    [InlineData("""{"latency_ms":"fast"}""", "w.jsonl(4,1): error EVH007: latency_ms: expected a number, found string")]
    [InlineData("""{"scores":[{"name":"x"}]}""", "w.jsonl(4,1): error EVH007: scores[0]: expected { \"name\": string, \"value\": number }")]
    public void BadLinesNameFileLineAndField(string line, string expected)
    {
        var ex = Assert.Throws<EvalConfigurationException>(() => DriftWindowReader.ParseLine(line, "w.jsonl", 4));

        Assert.StartsWith(expected, Assert.Single(ex.Errors).ToString(), StringComparison.Ordinal);
    }
}
