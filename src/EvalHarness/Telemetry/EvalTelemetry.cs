using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using EvalHarness.Recording;
using EvalHarness.Running;

namespace EvalHarness.Telemetry;

/// <summary>
/// The harness's OpenTelemetry instrumentation: an <see cref="ActivitySource"/> and a <see cref="Meter"/>, both named
/// <c>EvalHarness</c>. Each run, suite and case is an activity carrying GenAI semantic-convention attributes (<c>gen_ai.*</c>) and eval
/// attributes (<c>eval.*</c>); cases, pass rate, cost and latency are recorded as metrics. Without a listener nothing is allocated.
/// </summary>
public static class EvalTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string SourceName = "EvalHarness";

    /// <summary>The activity source every run, suite and case activity comes from.</summary>
    public static ActivitySource Source { get; } = new(SourceName, Provenance.HarnessVersion);

    /// <summary>The meter the harness's metrics come from.</summary>
    public static Meter Meter { get; } = new(SourceName, Provenance.HarnessVersion);

    private static readonly Counter<long> Cases = Meter.CreateCounter<long>("evalharness.cases", "{case}", "Cases run, by suite and verdict.");
    private static readonly Histogram<double> PassRate = Meter.CreateHistogram<double>("evalharness.suite.pass_rate", "1", "Pass rate of each suite run.");
    private static readonly Counter<double> Cost = Meter.CreateCounter<double>("evalharness.cost", "USD", "Priced cost of the system under test's calls.");
    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>("evalharness.case.latency", "s", "Latency of the system under test's call per case.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("evalharness.case.duration", "s", "Wall-clock time of a whole case (target and metrics).");

    /// <summary>Starts the activity of a whole run, or returns null when nobody listens.</summary>
    public static Activity? StartRun() => Source.StartActivity("evalharness.run");

    /// <summary>Starts the activity of one suite file, or returns null when nobody listens.</summary>
    /// <param name="file">The suite file.</param>
    public static Activity? StartSuite(string file)
    {
        var activity = Source.StartActivity("evalharness.suite");
        activity?.SetTag("eval.suite.file", file);
        return activity;
    }

    /// <summary>Starts the activity of one case, or returns null when nobody listens.</summary>
    /// <param name="suite">The suite's name.</param>
    /// <param name="caseId">The case id.</param>
    public static Activity? StartCase(string suite, string caseId)
    {
        var activity = Source.StartActivity("evalharness.case");
        activity?.SetTag("eval.suite.name", suite);
        activity?.SetTag("eval.case.id", caseId);
        return activity;
    }

    /// <summary>Records a finished case: attributes on its activity (if any) and the case metrics.</summary>
    /// <param name="activity">The case's activity, or null.</param>
    /// <param name="suite">The suite's name.</param>
    /// <param name="result">The case's result.</param>
    public static void CompleteCase(Activity? activity, string suite, CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var verdict = result.Verdict.ToContractString();
        var measured = result.Measurements;
        if (activity is not null)
        {
            activity.SetTag("eval.case.verdict", verdict);
            SetGenAi(activity, measured);
            if (result.Error is { } error)
            {
                activity.SetTag("eval.case.error", error);
            }

            foreach (var metric in result.Metrics)
            {
                // One event per metric keeps name, score and verdict together (a case usually has several metrics).
                var tags = new ActivityTagsCollection
                {
                    ["eval.metric.name"] = metric.Name,
                    ["eval.metric.verdict"] = metric.Verdict.ToContractString(),
                };
                if (metric.Score is { } score)
                {
                    tags["eval.metric.score"] = score;
                    activity.SetTag("eval.metric." + metric.Name + ".score", score);
                }

                activity.SetTag("eval.metric." + metric.Name + ".verdict", metric.Verdict.ToContractString());
                activity.AddEvent(new ActivityEvent("eval.metric", tags: tags));
            }

            activity.SetStatus(result.Verdict == Verdict.Error ? ActivityStatusCode.Error : ActivityStatusCode.Ok, result.Error);
        }

        var suiteTag = new KeyValuePair<string, object?>("eval.suite.name", suite);
        Cases.Add(1, suiteTag, new KeyValuePair<string, object?>("eval.case.verdict", verdict));
        Duration.Record(result.Duration.TotalSeconds, suiteTag);
        var modelTag = new KeyValuePair<string, object?>("gen_ai.request.model", measured.ModelId ?? measured.Cost?.Model);
        if (measured.LatencyMs is { } latency)
        {
            Latency.Record(latency / 1000, suiteTag, modelTag);
        }

        if (measured.Cost?.Usd is { } usd)
        {
            Cost.Add((double)usd, suiteTag, modelTag);
        }
    }

    /// <summary>Records a finished suite: attributes on its activity (if any) and its pass rate.</summary>
    /// <param name="activity">The suite's activity, or null.</param>
    /// <param name="result">The suite's result (an A/B suite completes once per variant).</param>
    public static void CompleteSuite(Activity? activity, SuiteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var aggregates = result.Aggregates;
        if (activity is not null)
        {
            activity.SetTag("eval.suite.name", result.Name);
            activity.SetTag("gen_ai.operation.name", "chat");
            if (result.Model is { } model)
            {
                activity.SetTag("gen_ai.request.model", model);
            }

            activity.SetTag("eval.suite.cases", aggregates.Cases);
            activity.SetTag("eval.suite.passed", aggregates.Passed);
            activity.SetTag("eval.suite.pass_rate", aggregates.PassRate);
            activity.SetTag("eval.suite.verdict", result.Verdict.ToContractString());
            activity.SetStatus(result.Verdict == Verdict.Error ? ActivityStatusCode.Error : ActivityStatusCode.Ok);
        }

        if (aggregates.PassRate is { } rate)
        {
            PassRate.Record(rate, new KeyValuePair<string, object?>("eval.suite.name", result.Name));
        }
    }

    /// <summary>Records a finished run on its activity (if any).</summary>
    /// <param name="activity">The run's activity, or null.</param>
    /// <param name="result">The run's result.</param>
    public static void CompleteRun(Activity? activity, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("eval.run.id", result.RunId);
        activity.SetTag("eval.run.mode", result.Mode.ToContractString());
        activity.SetTag("eval.run.exit_code", result.ExitCode);
        activity.SetTag("eval.run.suites", result.Suites.Count);
        if (result.GitCommit is { } commit)
        {
            activity.SetTag("vcs.ref.head.revision", commit);
        }

        activity.SetStatus(result.ExitCode == ExitCodes.Passed ? ActivityStatusCode.Ok : ActivityStatusCode.Error,
            "exit code " + result.ExitCode.ToString(CultureInfo.InvariantCulture));
    }

    // GenAI semantic conventions (gen_ai.*): operation, model and token usage of the system under test's call.
    private static void SetGenAi(Activity activity, CallMeasurements measured)
    {
        activity.SetTag("gen_ai.operation.name", "chat");
        if ((measured.ModelId ?? measured.Cost?.Model) is { } model)
        {
            activity.SetTag("gen_ai.request.model", model);
        }

        if (measured.ModelId is { } responseModel)
        {
            activity.SetTag("gen_ai.response.model", responseModel);
        }

        if (measured.Usage?.InputTokenCount is { } input)
        {
            activity.SetTag("gen_ai.usage.input_tokens", input);
        }

        if (measured.Usage?.OutputTokenCount is { } output)
        {
            activity.SetTag("gen_ai.usage.output_tokens", output);
        }

        if (measured.LatencyMs is { } latency)
        {
            activity.SetTag("eval.case.latency_ms", latency);
        }

        if (measured.Cost?.Usd is { } usd)
        {
            activity.SetTag("eval.case.cost_usd", (double)usd);
        }
    }
}
