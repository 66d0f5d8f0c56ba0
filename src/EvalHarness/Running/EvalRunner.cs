using System.Collections.Concurrent;
using System.Diagnostics;
using EvalHarness.Costs;
using EvalHarness.Datasets;
using EvalHarness.Recording;
using EvalHarness.Suites;
using EvalHarness.Targets;
using EvalHarness.Templates;

namespace EvalHarness.Running;

/// <summary>
/// Runs one suite: streams its dataset, calls the target for each case with bounded concurrency and a per-case timeout, scores
/// the output with every metric, and returns every case with a verdict — invalid rows, target failures and metric exceptions
/// included, as <see cref="Verdict.Error"/>s.
/// </summary>
public sealed class EvalRunner(EvalRunOptions options)
{
    /// <summary>Runs <paramref name="suite"/> against <paramref name="target"/>.</summary>
    /// <param name="suite">The loaded suite.</param>
    /// <param name="target">The system under test.</param>
    /// <param name="observer">Hears about each finished case, or null.</param>
    /// <param name="cancellationToken">Stops the run; cases not finished are left out and the result is marked incomplete.</param>
    public async Task<SuiteResult> RunSuiteAsync(Suite suite, IEvalTarget target, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var definition = suite.Definition;
        var suiteMetrics = definition.Metrics.Select(options.Metrics.Create).ToArray();
        var datasetOptions = new DatasetOptions
        {
            Mapping = definition.Mapping,
            Assertions = new MetricSpecParser(options.Metrics.CustomDescriptors),
            JudgeConfigured = definition.Judge is not null,
            InputRequired = definition.Target.Kind != TargetKind.Output || definition.Mapping.IsExplicit("input"),
            OutputField = definition.Target.OutputField,
        };

        // A bad pricing override is a configuration error of the suite (exit code 2), reported before any call is made.
        var pricing = new Pricing(PricingTable.Resolve(suite.FilePath), options.ModelOverride ?? definition.Target.Model ?? definition.Provider?.Model);
        var results = new ConcurrentDictionary<int, CaseResult>();
        var rowErrors = new ConcurrentBag<ConfigError>();
        var entries = DatasetReader.Read(suite.DatasetPath, suite.DatasetDisplayPath, datasetOptions)
            .Where(e => options.Shard is not { } shard || shard.Includes(e.Id))
            .Select((entry, index) => (entry, index));

        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxConcurrency ?? definition.MaxConcurrency,
            CancellationToken = cancellationToken,
        };

        var complete = true;
        try
        {
            await Parallel.ForEachAsync(entries, parallel, async (item, ct) =>
            {
                foreach (var error in item.entry.Errors)
                {
                    rowErrors.Add(error);
                }

                var result = await RunCaseAsync(item.entry, suiteMetrics, target, definition.TimeoutMs, pricing, ct).ConfigureAwait(false);
                results[item.index] = result;
                observer?.CaseCompleted(suite, result);
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            complete = false;
        }
        catch (DatasetException ex)
        {
            // The file became unreadable part-way (or vanished): the cases read so far keep their verdicts, the rest are reported missing.
            rowErrors.Add(ex.Error);
            complete = false;
        }

        var cases = results.OrderBy(r => r.Key).Select(r => r.Value).ToArray();
        var aggregates = SuiteAggregates.From(cases);
        return new SuiteResult
        {
            Name = suite.Name,
            File = Suite.DisplayPath(suite.FilePath),
            Dataset = suite.DatasetDisplayPath,
            DatasetHash = DatasetReader.ComputeHash(suite.DatasetPath),
            SuiteHash = suite.Hash,
            Target = definition.Target.Kind,
            Model = definition.Target.Model ?? definition.Provider?.Model,
            Cases = cases,
            Aggregates = aggregates,
            Gate = complete ? GateEvaluator.Evaluate(definition.Gate, aggregates)
                : new GateResult(Verdict.Error, [new GateCheck("complete", Verdict.Error, "the run stopped before every case finished")]),
            ConfigurationErrors = rowErrors.OrderBy(e => e.Location.Line).ToArray(),
            Complete = complete,
            PricingSources = pricing.Table.Sources,
        };
    }

    private async Task<CaseResult> RunCaseAsync(DatasetEntry entry, IReadOnlyList<IMetric> suiteMetrics, IEvalTarget target, int timeoutMs,
        Pricing pricing, CancellationToken cancellationToken)
    {
        if (entry.Case is not { } @case)
        {
            return new CaseResult
            {
                Id = entry.Id,
                Line = entry.Line,
                Verdict = Verdict.Error,
                ErrorKind = CaseErrorKind.InvalidInput,
                Error = string.Join("; ", entry.Errors.Select(e => e.ToString())),
            };
        }

        var stopwatch = Stopwatch.StartNew();
        var baseResult = new CaseResult { Id = @case.Id, Line = entry.Line, Input = @case.Input, Expected = @case.Expected, Tags = @case.Tags, Verdict = Verdict.Error };
        TargetOutput output;
        using (RecordingScope.Enter(@case.Id))
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(timeoutMs);
            try
            {
                output = await target.InvokeAsync(@case, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed(baseResult, CaseErrorKind.Timeout, "the target did not answer within timeout_ms = " + timeoutMs + " ms", stopwatch) with
                {
                    Measurements = CallMeasurements.None with
                    {
                        Cost = CallCost.Unknown(pricing.ConfiguredModel, "the call timed out after " + timeoutMs + " ms and may have been billed"),
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
            : output.Measurements with { Cost = pricing.Table.Price(output.Measurements.ModelId ?? pricing.ConfiguredModel, output.Measurements.Usage) };
        var context = new MetricContext(@case, output.Text, output.Response, measurements);
        var metrics = new List<MetricResult>(suiteMetrics.Count + @case.Assertions.Count);
        foreach (var metric in suiteMetrics)
        {
            metrics.Add(await EvaluateAsync(metric, context, cancellationToken).ConfigureAwait(false));
        }

        foreach (var spec in @case.Assertions)
        {
            metrics.Add(await EvaluateAsync(options.Metrics.Create(spec), context, cancellationToken).ConfigureAwait(false));
        }

        return baseResult with
        {
            Output = output.Text,
            Metrics = metrics,
            Measurements = measurements,
            Verdict = metrics.Count == 0 ? Verdict.Pass : VerdictExtensions.Combine(metrics.Select(m => m.Verdict)),
            Duration = stopwatch.Elapsed,
        };
    }

    private static async ValueTask<MetricResult> EvaluateAsync(IMetric metric, MetricContext context, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await metric.EvaluateAsync(context, cancellationToken).ConfigureAwait(false);
            return result with { Duration = stopwatch.Elapsed };
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

    // The suite's prices, and the model a response that names none is priced as.
    private sealed record Pricing(PricingTable Table, string? ConfiguredModel);
}
