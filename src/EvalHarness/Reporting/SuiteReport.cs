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

        // One pass with counters and a bounded list of the lowest cases: a large suite's cases are streamed from disk, never held together.
        var latency = new LatencySummary.Accumulator();
        var byModel = new LatencySummary.Breakdown();
        var histograms = suite.Aggregates.Metrics.Select(m => m.Name).Distinct(StringComparer.Ordinal)
            .ToDictionary(name => name, _ => (Bins: new int[ScoreHistogram.BinCount], Unscored: new int[1]), StringComparer.Ordinal);
        var tags = new Dictionary<string, (int Passed, int Total)>(StringComparer.Ordinal);
        var lowest = new LowestCases(suite.Name, LowestScoringCount);
        var position = 0;
        foreach (var c in suite.Cases)
        {
            latency.Add(c);
            byModel.Add(ModelOf(c, suite), c);

            foreach (var result in c.Metrics)
            {
                if (!histograms.TryGetValue(result.Name, out var histogram))
                {
                    continue;
                }

                if (result.Score is { } score && double.IsFinite(score))
                {
                    histogram.Bins[ScoreHistogram.BinOf(score)]++;
                }
                else
                {
                    histogram.Unscored[0]++;
                }
            }

            foreach (var tag in c.Tags.Distinct(StringComparer.Ordinal))
            {
                var (passed, total) = tags.GetValueOrDefault(tag);
                tags[tag] = (passed + (c.Verdict == Verdict.Pass ? 1 : 0), total + 1);
            }

            lowest.Offer(c, MeanScore(c), position++);
        }

        return new SuiteReport
        {
            Result = suite,
            Costs = CostReport.From(suite),
            Latency = latency.Build(suite.Name),
            LatencyByModel = byModel.Build(),
            PassRate = new PassRateSummary(suite.Name, suite.Aggregates.Passed, suite.Aggregates.Cases),
            Metrics = suite.Aggregates.Metrics.Select(m => new PassRateSummary(m.Name, m.Passed, m.Count, m.MeanScore)).ToArray(),
            Tags = tags.Select(t => new PassRateSummary(t.Key, t.Value.Passed, t.Value.Total))
                .OrderByDescending(t => t.Total).ThenBy(t => t.Name, StringComparer.Ordinal)
                .ToArray(),
            Histograms = suite.Aggregates.Metrics.Select(m => new ScoreHistogram(m.Name, histograms[m.Name].Bins, histograms[m.Name].Unscored[0])).ToArray(),
            LowestScoring = lowest.Ranked(),
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

    /// <summary>The lowest-scoring cases seen so far, at most <c>capacity</c>, in report order; ties go to the earlier case.</summary>
    private sealed class LowestCases(string suite, int capacity)
    {
        private readonly List<(RankedCase Ranked, double Score, int Failing, int Position)> _kept = [];

        public void Offer(CaseResult c, double? score, int position)
        {
            if (score is not { } s || (s >= 1 && c.Verdict == Verdict.Pass))
            {
                return;
            }

            var entry = (Ranked: new RankedCase(suite, c, s), Score: s, Failing: c.Metrics.Count(m => m.Verdict != Verdict.Pass), Position: position);
            var at = _kept.Count;
            while (at > 0 && Compare(entry, _kept[at - 1]) < 0)
            {
                at--;
            }

            if (at >= capacity)
            {
                return;
            }

            _kept.Insert(at, entry);
            if (_kept.Count > capacity)
            {
                _kept.RemoveAt(_kept.Count - 1);
            }
        }

        public RankedCase[] Ranked() => _kept.Select(k => k.Ranked).ToArray();

        // Lowest score first, then more failing metrics, then id, then dataset order (what a stable sort by the first three gives).
        private static int Compare((RankedCase Ranked, double Score, int Failing, int Position) a, (RankedCase Ranked, double Score, int Failing, int Position) b)
        {
            var byScore = a.Score.CompareTo(b.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byFailing = b.Failing.CompareTo(a.Failing);
            if (byFailing != 0)
            {
                return byFailing;
            }

            var byId = string.CompareOrdinal(a.Ranked.Case.Id, b.Ranked.Case.Id);
            return byId != 0 ? byId : a.Position.CompareTo(b.Position);
        }
    }
}
