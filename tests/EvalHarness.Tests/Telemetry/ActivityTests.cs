using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using EvalHarness.Telemetry;

namespace EvalHarness.Tests.Telemetry;

/// <summary>Each run, suite and case is an activity of the EvalHarness source with GenAI and eval attributes; metrics go through the EvalHarness meter.</summary>
public sealed class ActivityTests : IDisposable
{
    private readonly TelemetryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task RunSuiteAndCasesAreNestedActivitiesWithGenAiAndEvalAttributes()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "EvalHarness",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);

        var run = await _fixture.RunAsync();

        // Other tests run suites in parallel: keep only this run's trace, found through this suite's uniquely named cases.
        var cases = stopped.Where(a => a.OperationName == "evalharness.case" && Equals(a.GetTagItem("eval.suite.name"), _fixture.SuiteName)).ToList();
        Assert.Equal(["q1", "q2", "q3"], cases.Select(a => (string)a.GetTagItem("eval.case.id")!).Order(StringComparer.Ordinal));
        var trace = cases[0].TraceId;
        var suite = Assert.Single(stopped, a => a.TraceId == trace && a.OperationName == "evalharness.suite");
        var runActivity = Assert.Single(stopped, a => a.TraceId == trace && a.OperationName == "evalharness.run");
        Assert.All(cases, c => Assert.Equal(suite.SpanId, c.ParentSpanId));
        Assert.Equal(runActivity.SpanId, suite.ParentSpanId);

        var q1 = cases.Single(c => Equals(c.GetTagItem("eval.case.id"), "q1"));
        Assert.Equal("chat", q1.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("gpt-4o-mini", q1.GetTagItem("gen_ai.request.model"));
        Assert.Equal(12L, Convert.ToInt64(q1.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(5L, Convert.ToInt64(q1.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("pass", q1.GetTagItem("eval.case.verdict"));
        Assert.Equal(1.0, q1.GetTagItem("eval.metric.answer.score"));
        var metricEvent = Assert.Single(q1.Events, e => e.Name == "eval.metric");
        Assert.Equal("answer", metricEvent.Tags.Single(t => t.Key == "eval.metric.name").Value);
        Assert.Equal("pass", metricEvent.Tags.Single(t => t.Key == "eval.metric.verdict").Value);

        var q3 = cases.Single(c => Equals(c.GetTagItem("eval.case.id"), "q3"));
        Assert.Equal("fail", q3.GetTagItem("eval.case.verdict"));
        Assert.Equal(0.0, q3.GetTagItem("eval.metric.answer.score"));

        Assert.Equal(_fixture.SuiteName, suite.GetTagItem("eval.suite.name"));
        Assert.Equal(3, suite.GetTagItem("eval.suite.cases"));
        Assert.Equal(2.0 / 3, (double)suite.GetTagItem("eval.suite.pass_rate")!, 9);
        Assert.Equal(run.RunId, runActivity.GetTagItem("eval.run.id"));
        Assert.Equal(run.ExitCode, runActivity.GetTagItem("eval.run.exit_code"));
    }

    [Fact]
    public async Task CasesPassRateCostAndLatencyAreRecordedThroughTheMeter()
    {
        var measurements = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "EvalHarness")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        listener.Start();

        await _fixture.RunAsync();

        var mine = measurements.Where(m => Equals(m.Tags.GetValueOrDefault("eval.suite.name"), _fixture.SuiteName)).ToList();
        var cases = mine.Where(m => m.Instrument == "evalharness.cases").ToList();
        Assert.Equal(3, cases.Sum(m => m.Value));
        Assert.Equal(1, cases.Where(m => Equals(m.Tags["eval.case.verdict"], "fail")).Sum(m => m.Value));
        Assert.Equal(2.0 / 3, Assert.Single(mine, m => m.Instrument == "evalharness.suite.pass_rate").Value, 9);

        // gpt-4o-mini at $0.15 / $0.60 per million tokens: 12 input + 5 output tokens per call, three calls.
        Assert.Equal(3 * ((12 * 0.15) + (5 * 0.6)) / 1_000_000, mine.Where(m => m.Instrument == "evalharness.cost").Sum(m => m.Value), 12);
        Assert.Equal(3, mine.Count(m => m.Instrument == "evalharness.case.latency"));
        Assert.All(mine.Where(m => m.Instrument == "evalharness.case.latency"), m => Assert.Equal("gpt-4o-mini", m.Tags["gen_ai.request.model"]));
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
