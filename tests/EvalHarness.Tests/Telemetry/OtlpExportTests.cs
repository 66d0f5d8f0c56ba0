using EvalHarness.Telemetry;
using OpenTelemetry.Exporter;

namespace EvalHarness.Tests.Telemetry;

/// <summary>OTLP/HTTP export of one run to a receiver on 127.0.0.1: the spans, their nesting and their attributes arrive.</summary>
public sealed class OtlpExportTests : IDisposable
{
    private readonly TelemetryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task OneRunIsExportedAsNestedSpansWithGenAiAndEvalAttributes()
    {
        using var receiver = new OtlpReceiver();
        EvalHarness.Running.RunResult result;
        using (OtlpExport.Start(receiver.Endpoint, OtlpExportProtocol.HttpProtobuf))
        {
            result = await _fixture.RunAsync();
        }

        var traces = receiver.Requests.Where(r => r.Path == "/v1/traces").ToList();
        Assert.NotEmpty(traces);
        Assert.All(traces, r => Assert.Equal("application/x-protobuf", r.ContentType));
        Assert.Contains(receiver.Requests, r => r.Path == "/v1/metrics");

        var spans = traces.SelectMany(r => OtlpSpans.Read(r.Body)).ToList();
        var cases = spans.Where(s => s.Name == "evalharness.case" && Equals(s.Attributes.GetValueOrDefault("eval.suite.name"), _fixture.SuiteName)).ToList();
        Assert.Equal(["q1", "q2", "q3"], cases.Select(c => (string)c.Attributes["eval.case.id"]).Order(StringComparer.Ordinal));
        var suite = Assert.Single(spans, s => s.Name == "evalharness.suite" && s.SpanId == cases[0].ParentSpanId);
        var run = Assert.Single(spans, s => s.Name == "evalharness.run" && s.SpanId == suite.ParentSpanId);
        Assert.All(cases, c => Assert.Equal(suite.SpanId, c.ParentSpanId));

        var q2 = cases.Single(c => Equals(c.Attributes["eval.case.id"], "q2"));
        Assert.Equal("chat", q2.Attributes["gen_ai.operation.name"]);
        Assert.Equal("gpt-4o-mini", q2.Attributes["gen_ai.request.model"]);
        Assert.Equal(12L, q2.Attributes["gen_ai.usage.input_tokens"]);
        Assert.Equal(5L, q2.Attributes["gen_ai.usage.output_tokens"]);
        Assert.Equal("pass", q2.Attributes["eval.case.verdict"]);
        Assert.Equal(1.0, q2.Attributes["eval.metric.answer.score"]);
        Assert.Equal("fail", cases.Single(c => Equals(c.Attributes["eval.case.id"], "q3")).Attributes["eval.metric.answer.verdict"]);
        Assert.Equal(_fixture.SuiteName, suite.Attributes["eval.suite.name"]);
        Assert.Equal(3L, suite.Attributes["eval.suite.cases"]);
        Assert.Equal(result.RunId, run.Attributes["eval.run.id"]);
    }

    [Fact]
    public void WithoutTheEndpointVariableNothingIsExported()
    {
        // The variable is process-wide: only read here, never set, so parallel tests are not affected.
        Assert.SkipWhen(!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(OtlpExport.EndpointVariable)), "OTEL_EXPORTER_OTLP_ENDPOINT is set in this environment");
        Assert.Null(OtlpExport.FromEnvironment());
    }
}
