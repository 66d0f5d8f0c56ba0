using System.Diagnostics;
using EvalHarness.Costs;
using EvalHarness.Datasets;
using EvalHarness.Recording;
using EvalHarness.Suites;
using EvalHarness.Targets;
using EvalHarness.Templates;

namespace EvalHarness.Running;

/// <summary>
/// Runs one dataset entry of a suite to a verdict — the single per-case code path of <see cref="EvalRunner"/> (the command line)
/// and <see cref="SuiteSession"/> (<c>dotnet test</c>), so both hosts judge a case the same way.
/// </summary>
internal sealed class CaseExecutor
{
    private readonly EvalRunOptions _options;
    private readonly IReadOnlyList<IMetric> _metrics;
    private readonly int _timeoutMs;
    private readonly string? _configuredModel;
    private readonly string _suiteName;
    private readonly SharedStrings _strings = new();

    private readonly EvalHarness.Judging.JudgeConfiguration? _judge;

    public CaseExecutor(Suite suite, EvalRunOptions options)
    {
        _options = options;
        _suiteName = suite.Name;
        _judge = JudgeFor(suite, options);

        // Judge metrics are created at load without a judge; binding gives them this suite's (recorded, resilient) judge client.
        _metrics = _judge?.Bind(suite.Metrics) ?? suite.Metrics;
        _timeoutMs = suite.Definition.TimeoutMs;
        _configuredModel = options.ModelOverride ?? suite.Definition.Target.Model ?? suite.Definition.Provider?.Model;

        // A bad pricing override is a configuration error of the suite (exit code 2), reported before any call is made.
        Pricing = PricingTable.Resolve(suite.FilePath);
    }

    private static EvalHarness.Judging.JudgeConfiguration? JudgeFor(Suite suite, EvalRunOptions options)
    {
        if (suite.Definition.Judge is not { } judge)
        {
            return null;
        }

        Microsoft.Extensions.AI.IChatClient endpoint;
        try
        {
            endpoint = options.JudgeClientFactory?.Invoke(judge) ?? throw new EndpointNotConfiguredException("no judge endpoint can be configured in this host");
        }
        catch (EndpointNotConfiguredException ex)
        {
            // Recorded judge answers still replay; a call that needs the endpoint becomes that case's error (or skip in auto mode).
            endpoint = new UnconfiguredChatClient(ex.Message);
        }

        return EvalHarness.Judging.JudgeConfiguration.ForSuite(suite, endpoint, options.Mode, options.Resilience, loggerFactory: options.LoggerFactory);
    }

    /// <summary>The prices calls of this suite are costed with.</summary>
    public PricingTable Pricing { get; }

    /// <summary>
    /// Judge–human agreement (accuracy and Cohen's κ) of each judge metric that declares human labels: a gate check when the metric
    /// sets <c>min_agreement</c>/<c>min_kappa</c>, else a passing check that reports the figures.
    /// </summary>
    public IReadOnlyList<GateCheck> CalibrationChecks(IReadOnlyList<CaseResult> cases)
    {
        var checks = new List<GateCheck>();
        foreach (var judge in _metrics.OfType<EvalHarness.Judging.IJudgeMetric>().Where(j => j.Calibration is not null))
        {
            var report = EvalHarness.Judging.JudgeCalibration.Compute(judge.Name, judge.Calibration, cases.SelectMany(c => c.Metrics));
            checks.Add(report.Gates
                ? new GateCheck("calibration:" + judge.Name, report.Verdict, report.Reason)
                : new GateCheck("calibration:" + judge.Name, Verdict.Pass, "reported, not gated: " + report.Reason));
        }

        return checks;
    }

    /// <summary>Adds the calibration checks to a gate result.</summary>
    public GateResult WithCalibration(GateResult gate, IReadOnlyList<CaseResult> cases)
    {
        var calibration = CalibrationChecks(cases);
        return calibration.Count == 0 ? gate : GateEvaluator.Combine([.. gate.Checks, .. calibration]);
    }

    /// <summary>The dataset options a suite reads its dataset with.</summary>
    public static DatasetOptions DatasetOptionsFor(SuiteDefinition definition, EvalRunOptions options) => new()
    {
        Mapping = definition.Mapping,
        Assertions = new MetricSpecParser(options.Metrics.CustomDescriptors),
        JudgeConfigured = definition.Judge is not null,
        InputRequired = definition.Target.Kind != TargetKind.Output || definition.Mapping.IsExplicit("input"),
        OutputField = definition.Target.OutputField,
    };

    /// <summary>Runs the entry: an invalid row, a dataset <c>skip:</c>, a target failure or a throwing metric all end in a verdict.</summary>
    /// <param name="entry">The dataset entry.</param>
    /// <param name="target">The system under test.</param>
    /// <param name="selected">True when the case was asked for by name, which is what runs an <c>explicit: true</c> case.</param>
    /// <param name="cancellationToken">Stops the case (a timeout is not a cancellation: it is an error verdict).</param>
    public async Task<CaseResult> RunAsync(DatasetEntry entry, IEvalTarget target, bool selected, CancellationToken cancellationToken)
    {
        // One OpenTelemetry activity per case (null when nothing listens); every return path below is recorded by CompleteCase.
        using var activity = EvalHarness.Telemetry.EvalTelemetry.StartCase(_suiteName, entry.Id);
        var result = await RunCaseAsync(entry, target, selected, cancellationToken).ConfigureAwait(false);
        EvalHarness.Telemetry.EvalTelemetry.CompleteCase(activity, _suiteName, result);
        return result;
    }

    private async Task<CaseResult> RunCaseAsync(DatasetEntry entry, IEvalTarget target, bool selected, CancellationToken cancellationToken)
    {
        if (entry.Case is not { } @case)
        {
            return Invalid(entry.Id, entry.Line, entry.Errors);
        }

        var flags = CaseFlags.Read(@case);
        if (flags.Error is { } flagError)
        {
            return Invalid(@case.Id, entry.Line, [flagError]) with { Input = @case.Input, Tags = @case.Tags };
        }

        var baseResult = new CaseResult
        {
            Id = @case.Id, Line = entry.Line, Input = @case.Input, Expected = @case.Expected, Context = @case.Context, Tags = @case.Tags,
            Verdict = Verdict.Error,
        };
        if (flags.SkipReason is not null || (flags.Explicit && !selected))
        {
            return baseResult with { Verdict = Verdict.Inconclusive, ErrorKind = CaseErrorKind.Excluded, Error = ExcludedReason(flags) };
        }

        var stopwatch = Stopwatch.StartNew();
        TargetOutput output;
        using (RecordingScope.Enter(@case.Id))
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_timeoutMs);
            try
            {
                output = await target.InvokeAsync(@case, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed(baseResult, CaseErrorKind.Timeout, "the target did not answer within timeout_ms = " + _timeoutMs + " ms", stopwatch) with
                {
                    Measurements = CallMeasurements.None with
                    {
                        Cost = CallCost.Unknown(_configuredModel, "the call timed out after " + _timeoutMs + " ms and may have been billed"),
                    },
                };
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var (kind, verdict) = Classify(ex);
                var reason = kind == CaseErrorKind.Skipped ? "skipped: " + ex.Message : ex.Message;
                return Failed(baseResult, kind, reason, stopwatch) with { Verdict = verdict };
            }
        }

        // Priced before scoring so metrics see the cost too; a response-less output came from the dataset and made no call.
        var measurements = output.Response is null ? output.Measurements
            : output.Measurements with
            {
                ModelId = _strings.Share(output.Measurements.ModelId),
                Cost = Pricing.Price(output.Measurements.ModelId ?? _configuredModel, output.Measurements.Usage),
            };
        var context = new MetricContext(@case, output.Text, output.Response, measurements);
        // An exact-size array, not a list: every finished case stays in memory until the reports are written.
        var metrics = new MetricResult[_metrics.Count + @case.Assertions.Count];
        var next = 0;
        foreach (var metric in _metrics)
        {
            metrics[next++] = await EvaluateAsync(metric, context, cancellationToken).ConfigureAwait(false);
        }

        foreach (var spec in @case.Assertions)
        {
            metrics[next++] = await EvaluateAssertionAsync(spec, context, cancellationToken).ConfigureAwait(false);
        }

        // Judge calls are priced on their own, never added to the system under test's cost.
        for (var i = 0; i < metrics.Length; i++)
        {
            if (metrics[i].JudgeMeasurements is { } judged)
            {
                metrics[i] = metrics[i] with { JudgeMeasurements = judged with { Cost = Pricing.Price(judged.ModelId, judged.Usage) } };
            }
        }

        return baseResult with
        {
            Output = output.Text,
            Metrics = metrics,
            Measurements = measurements,
            Verdict = metrics.Length == 0 ? Verdict.Pass : VerdictExtensions.Combine(metrics.Select(m => m.Verdict)),
            Duration = stopwatch.Elapsed,
        };
    }

    private static CaseResult Invalid(string id, int line, IReadOnlyList<ConfigError> errors) => new()
    {
        Id = id,
        Line = line,
        Verdict = Verdict.Error,
        ErrorKind = CaseErrorKind.InvalidInput,
        Error = string.Join("; ", errors.Select(e => e.ToString())),
    };

    private static string ExcludedReason(CaseFlags flags) =>
        flags.SkipReason is { } reason ? "skipped in the dataset: " + reason : "explicit case: not run (it runs only when selected by name)";

    // A row's own assertion that cannot be built (a setting only checked when the metric is created) is that case's error, not the run's end.
    private async ValueTask<MetricResult> EvaluateAssertionAsync(MetricSpec spec, MetricContext context, CancellationToken cancellationToken)
    {
        IMetric metric;
        try
        {
            metric = _options.Metrics.Create(spec, _judge);
        }
        catch (EvalConfigurationException ex)
        {
            return MetricResult.Error(spec.DisplayName, ex.Message);
        }

        return await EvaluateAsync(metric, context, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<MetricResult> EvaluateAsync(IMetric metric, MetricContext context, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await metric.EvaluateAsync(context, cancellationToken).ConfigureAwait(false);
            // Reasons repeat across cases ("output contains \"refund\""): one shared copy each, since every result is kept until the reports.
            return result with { Duration = stopwatch.Elapsed, Reason = _strings.Share(result.Reason) };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A metric that throws is an error for this case, never a pass and never the end of the run.
            return MetricResult.Error(metric.Name, "metric threw " + ex.GetType().Name + ": " + ex.Message) with { Duration = stopwatch.Elapsed };
        }
    }

    // In auto mode a call with no recording and no endpoint is skipped (inconclusive); other modes reject that setup before running.
    private static (CaseErrorKind Kind, Verdict Verdict) Classify(Exception ex) => ex switch
    {
        EndpointNotConfiguredException => (CaseErrorKind.Skipped, Verdict.Inconclusive),
        RecordingException => (CaseErrorKind.Recording, Verdict.Error),
        ModelCallException { IsInfrastructure: true } => (CaseErrorKind.Infrastructure, Verdict.Error),
        HttpRequestException => (CaseErrorKind.Infrastructure, Verdict.Error),
        TemplateRenderException => (CaseErrorKind.InvalidInput, Verdict.Error),
        _ => (CaseErrorKind.Target, Verdict.Error),
    };

    private static CaseResult Failed(CaseResult result, CaseErrorKind kind, string reason, Stopwatch stopwatch) =>
        result with { Verdict = Verdict.Error, ErrorKind = kind, Error = reason, Duration = stopwatch.Elapsed };
}
