namespace EvalHarness.Running;

/// <summary>Counts and rates over a suite's cases.</summary>
public sealed record SuiteAggregates
{
    /// <summary>All cases, whatever their verdict.</summary>
    public int Cases { get; init; }

    /// <summary>Cases whose verdict is pass.</summary>
    public int Passed { get; init; }

    /// <summary>Cases whose verdict is fail.</summary>
    public int Failed { get; init; }

    /// <summary>Cases whose verdict is inconclusive (including skipped ones).</summary>
    public int Inconclusive { get; init; }

    /// <summary>Cases whose verdict is error.</summary>
    public int Errors { get; init; }

    /// <summary><see cref="Passed"/> / <see cref="Cases"/>: inconclusive and errored cases count against it; null for no cases.</summary>
    public double? PassRate => Cases == 0 ? null : (double)Passed / Cases;

    /// <summary>Per-metric summaries in the order metrics first appear.</summary>
    public IReadOnlyList<MetricAggregate> Metrics { get; init; } = [];

    /// <summary>Computes aggregates over <paramref name="cases"/>.</summary>
    public static SuiteAggregates From(IReadOnlyList<CaseResult> cases)
    {
        var order = new List<string>();
        var groups = new Dictionary<string, List<MetricResult>>(StringComparer.Ordinal);
        foreach (var result in cases.SelectMany(c => c.Metrics))
        {
            if (!groups.TryGetValue(result.Name, out var list))
            {
                groups[result.Name] = list = [];
                order.Add(result.Name);
            }

            list.Add(result);
        }

        return new SuiteAggregates
        {
            Cases = cases.Count,
            Passed = cases.Count(c => c.Verdict == Verdict.Pass),
            Failed = cases.Count(c => c.Verdict == Verdict.Fail),
            Inconclusive = cases.Count(c => c.Verdict == Verdict.Inconclusive),
            Errors = cases.Count(c => c.Verdict == Verdict.Error),
            Metrics = order.Select(name =>
            {
                var results = groups[name];
                var scores = results.Where(r => r.Score is not null).Select(r => r.Score!.Value).ToList();
                return new MetricAggregate(name, results.Count,
                    results.Count(r => r.Verdict == Verdict.Pass), results.Count(r => r.Verdict == Verdict.Fail),
                    results.Count(r => r.Verdict == Verdict.Inconclusive), results.Count(r => r.Verdict == Verdict.Error),
                    scores.Count == 0 ? null : scores.Average());
            }).ToArray(),
        };
    }
}
