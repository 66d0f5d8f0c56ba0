using EvalHarness.Costs;
using EvalHarness.Running;

namespace EvalHarness.Reporting;

/// <summary>What the reports show about one suite: its results plus cost, latency and quality summaries computed from them.</summary>
public sealed record SuiteReport
{
    /// <summary>How many lowest-scoring cases a report lists.</summary>
    public const int LowestScoringCount = 10;

    /// <summary>The suite's results.</summary>
    public required SuiteResult Result { get; init; }

    /// <summary>What its calls cost.</summary>
    public required CostReport Costs { get; init; }

    /// <summary>Latency and reliability of all its calls.</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>Latency and reliability per model, in order of first appearance.</summary>
    public IReadOnlyList<LatencySummary> LatencyByModel { get; init; } = [];

    /// <summary>The suite's case pass rate with its interval.</summary>
    public required PassRateSummary PassRate { get; init; }

    /// <summary>Pass rate per metric, in the order metrics first appear.</summary>
    public IReadOnlyList<PassRateSummary> Metrics { get; init; } = [];

    /// <summary>Case pass rate per tag ("segments"), largest segment first.</summary>
    public IReadOnlyList<PassRateSummary> Tags { get; init; } = [];

    /// <summary>Score distribution per metric, in the order of <see cref="Metrics"/>.</summary>
    public IReadOnlyList<ScoreHistogram> Histograms { get; init; } = [];

    /// <summary>
    /// The cases with the lowest mean metric score, lowest first (ties: more failing metrics first, then by id); passing cases with a perfect
    /// score are never listed.
    /// </summary>
    public IReadOnlyList<RankedCase> LowestScoring { get; init; } = [];

    /// <summary>Computes the summaries of <paramref name="suite"/>.</summary>
    public static SuiteReport From(SuiteResult suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var cases = suite.Cases;
        var byModel = cases.Where(c => c.Measurements.LatencyMs is not null || c.Measurements.Cost is not null)
            .GroupBy(c => ModelOf(c, suite), StringComparer.Ordinal)
            .Select(g => LatencySummary.From(g.Key, g))
            .ToArray();

        var histograms = new List<ScoreHistogram>();
        foreach (var metric in suite.Aggregates.Metrics)
        {
            var bins = new int[ScoreHistogram.BinCount];
            var unscored = 0;
            foreach (var result in cases.SelectMany(c => c.Metrics).Where(m => m.Name == metric.Name))
            {
                if (result.Score is { } score && double.IsFinite(score))
                {
                    bins[ScoreHistogram.BinOf(score)]++;
                }
                else
                {
                    unscored++;
                }
            }

            histograms.Add(new ScoreHistogram(metric.Name, bins, unscored));
        }

        var tags = cases.SelectMany(c => c.Tags.Distinct(StringComparer.Ordinal).Select(t => (Tag: t, Case: c)))
            .GroupBy(p => p.Tag, StringComparer.Ordinal)
            .Select(g => new PassRateSummary(g.Key, g.Count(p => p.Case.Verdict == Verdict.Pass), g.Count()))
            .OrderByDescending(t => t.Total).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();

        var lowest = cases.Select(c => new RankedCase(suite.Name, c, MeanScore(c)))
            .Where(r => r.Score is { } score && (score < 1 || r.Case.Verdict != Verdict.Pass))
            .OrderBy(r => r.Score)
            .ThenByDescending(r => r.Case.Metrics.Count(m => m.Verdict != Verdict.Pass))
            .ThenBy(r => r.Case.Id, StringComparer.Ordinal)
            .Take(LowestScoringCount)
            .ToArray();

        return new SuiteReport
        {
            Result = suite,
            Costs = CostReport.From(suite),
            Latency = LatencySummary.From(suite.Name, cases),
            LatencyByModel = byModel,
            PassRate = new PassRateSummary(suite.Name, suite.Aggregates.Passed, suite.Aggregates.Cases),
            Metrics = suite.Aggregates.Metrics.Select(m => new PassRateSummary(m.Name, m.Passed, m.Count, m.MeanScore)).ToArray(),
            Tags = tags,
            Histograms = histograms,
            LowestScoring = lowest,
        };
    }

    /// <summary>The model a case's call is reported under: the one that answered, else the suite's configured model.</summary>
    public static string ModelOf(CaseResult @case, SuiteResult suite)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(suite);
        return @case.Measurements.ModelId ?? @case.Measurements.Cost?.Model ?? suite.Model ?? CostReport.NoModel;
    }

    private static double? MeanScore(CaseResult c)
    {
        var scores = c.Metrics.Where(m => m.Score is { } s && double.IsFinite(s)).Select(m => m.Score!.Value).ToList();
        return scores.Count == 0 ? null : scores.Average();
    }
}
