using EvalHarness.Costs;
using EvalHarness.Running;

namespace EvalHarness.Reporting;

/// <summary>
/// Everything the exporters render: a run's results, the cost, latency and quality summaries computed from them, and the history of
/// earlier runs for trends.
/// </summary>
/// <remarks>
/// Every figure is computed from <see cref="Run"/>, so a report rendered again from a <c>results.json</c> (<see cref="ResultsJsonReader"/>)
/// shows the same numbers as the one written at the end of the run.
/// </remarks>
public sealed record RunReport
{
    /// <summary>The most history entries shown in trends (the newest ones).</summary>
    public const int MaxHistory = 50;

    /// <summary>The run.</summary>
    public required RunResult Run { get; init; }

    /// <summary>One report per suite, in run order.</summary>
    public required IReadOnlyList<SuiteReport> Suites { get; init; }

    /// <summary>What the whole run cost.</summary>
    public required CostReport Costs { get; init; }

    /// <summary>Latency and reliability of every call in the run.</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>Latency and reliability per model over every suite.</summary>
    public IReadOnlyList<LatencySummary> LatencyByModel { get; init; } = [];

    /// <summary>This run's line in <c>history.jsonl</c>.</summary>
    public required HistoryEntry Entry { get; init; }

    /// <summary>Earlier runs and this one, oldest first, at most <see cref="MaxHistory"/>.</summary>
    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>Problems found while reading the history (unreadable lines), to show in reports.</summary>
    public IReadOnlyList<string> HistoryWarnings { get; init; } = [];

    /// <summary>Computes the report.</summary>
    /// <param name="run">The run.</param>
    /// <param name="history">Earlier runs from <c>history.jsonl</c> (an entry with this run's id is replaced by this run), or null.</param>
    public static RunReport Create(RunResult run, RunHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var suites = run.Suites.Select(SuiteReport.From).ToArray();
        // The run-wide latency in one pass that keeps 8 bytes a call (a large suite's cases are read back from disk one at a time).
        var latency = new LatencySummary.Accumulator();
        var byModel = new LatencySummary.Breakdown();
        foreach (var suite in run.Suites)
        {
            foreach (var c in suite.Cases)
            {
                latency.Add(c);
                byModel.Add(SuiteReport.ModelOf(c, suite), c);
            }
        }

        var entry = HistoryEntry.From(run, suites);
        var entries = (history?.Entries ?? []).Where(h => h.RunId != run.RunId).Append(entry)
            .OrderBy(h => h.StartedAt).ThenBy(h => h.RunId, StringComparer.Ordinal)
            .ToList();
        return new RunReport
        {
            Run = run,
            Suites = suites,
            Costs = CostReport.From(run.Suites),
            Latency = latency.Build("all"),
            LatencyByModel = byModel.Build(),
            Entry = entry,
            History = entries.Skip(Math.Max(0, entries.Count - MaxHistory)).ToArray(),
            HistoryWarnings = history?.Warnings ?? [],
        };
    }
}
