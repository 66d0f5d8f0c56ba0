using System.Collections.Concurrent;
using System.Diagnostics;
using EvalHarness.Costs;
using EvalHarness.Datasets;
using EvalHarness.Logging;
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
    private readonly Microsoft.Extensions.Logging.ILogger _log = LogCategories.Create(options?.LoggerFactory, LogCategories.Running);

    /// <summary>Runs <paramref name="suite"/> against <paramref name="target"/>.</summary>
    /// <param name="suite">The loaded suite.</param>
    /// <param name="target">The system under test.</param>
    /// <param name="observer">Hears about each finished case, or null.</param>
    /// <param name="cancellationToken">Stops the run; cases not finished are left out and the result is marked incomplete.</param>
    public async Task<SuiteResult> RunSuiteAsync(Suite suite, IEvalTarget target, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var definition = suite.Definition;
        var datasetOptions = CaseExecutor.DatasetOptionsFor(definition, options);
        var executor = new CaseExecutor(suite, options);
        // Past options.SpillAfterCases, finished cases go to a temporary file, so memory stays flat however large the dataset.
        var results = new CaseResultStore(Math.Max(0, options.SpillAfterCases), options.SpillDirectory);
        var rowErrors = new ConcurrentBag<ConfigError>();
        var entries = DatasetReader.Read(suite.DatasetPath, suite.DatasetDisplayPath, datasetOptions)
            .Where(e => options.Shard is not { } shard || shard.Includes(e.Id))
            .Where(e => options.Filter is not { } filter || e.Case is not { } c || filter(c))
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

                // A run narrowed with a filter counts as selecting its cases by name, which is what runs explicit cases.
                var result = await executor.RunAsync(item.entry, target, selected: options.Filter is not null, ct).ConfigureAwait(false);
                results.Add(item.index, result);

                RunLog.Case(_log, suite.Name, result);
                observer?.CaseCompleted(suite, result);
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            RunLog.SuiteStopped(_log, suite.Name, "the run was cancelled");
            complete = false;
        }
        catch (DatasetException ex)
        {
            // The file became unreadable part-way (or vanished): the cases read so far keep their verdicts, the rest are reported missing.
            rowErrors.Add(ex.Error);
            RunLog.SuiteStopped(_log, suite.Name, ex.Message);
            complete = false;
        }

        // A cancelled run leaves gaps where cases never finished.
        var cases = results.Complete();
        if (results.SpillError is { } spillError)
        {
            RunLog.SpillFailed(_log, suite.Name, spillError);
        }
        var result = new SuiteResult
        {
            Name = suite.Name,
            File = Suite.DisplayPath(suite.FilePath),
            Dataset = suite.DatasetDisplayPath,
            DatasetHash = DatasetReader.ComputeHash(suite.DatasetPath),
            SuiteHash = suite.Hash,
            Target = definition.Target.Kind,
            Model = definition.Target.Model ?? definition.Provider?.Model,
            Cases = cases,
            Aggregates = SuiteAggregates.From(cases),
            ConfigurationErrors = rowErrors.OrderBy(e => e.Location.Line).ToArray(),
            Complete = complete,
            PricingSources = executor.Pricing.Sources,
        };
        return result with
        {
            Gate = complete ? executor.WithCalibration(GateEvaluator.Evaluate(definition.Gate, cases, CostReport.From(result).Total), cases)
                : new GateResult(Verdict.Error, [new GateCheck("complete", Verdict.Error, "the run stopped before every case finished")]),
        };
    }
}
