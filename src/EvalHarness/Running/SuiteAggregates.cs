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
    public static SuiteAggregates From(IEnumerable<CaseResult> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);

        // One pass that keeps only counters: the cases may be streamed from a spill file and are never held together.
        int total = 0, passed = 0, failed = 0, inconclusive = 0, errors = 0;
        var order = new List<MetricCounter>();
        var byName = new Dictionary<string, MetricCounter>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            total++;
            Tally(c.Verdict, ref passed, ref failed, ref inconclusive, ref errors);
            foreach (var result in c.Metrics)
            {
                if (!byName.TryGetValue(result.Name, out var counter))
                {
                    byName[result.Name] = counter = new MetricCounter(result.Name);
                    order.Add(counter);
                }

                counter.Add(result);
            }
        }

        return new SuiteAggregates
        {
            Cases = total,
            Passed = passed,
            Failed = failed,
            Inconclusive = inconclusive,
            Errors = errors,
            Metrics = order.Select(m => new MetricAggregate(m.Name, m.Count, m.Passed, m.Failed, m.Inconclusive, m.Errors,
                m.Scored == 0 ? null : m.ScoreSum / m.Scored)).ToArray(),
        };
    }

    private static void Tally(Verdict verdict, ref int passed, ref int failed, ref int inconclusive, ref int errors)
    {
        switch (verdict)
        {
            case Verdict.Pass:
                passed++;
                break;
            case Verdict.Fail:
                failed++;
                break;
            case Verdict.Inconclusive:
                inconclusive++;
                break;
            case Verdict.Error:
                errors++;
                break;
        }
    }

    private sealed class MetricCounter(string name)
    {
        public string Name { get; } = name;

        public int Count;
        public int Passed;
        public int Failed;
        public int Inconclusive;
        public int Errors;
        public int Scored;

        // Summed in case order, as Enumerable.Average does, so the mean is the same to the last bit.
        public double ScoreSum;

        public void Add(MetricResult result)
        {
            Count++;
            Tally(result.Verdict, ref Passed, ref Failed, ref Inconclusive, ref Errors);
            if (result.Score is { } score)
            {
                Scored++;
                ScoreSum += score;
            }
        }
    }
}
