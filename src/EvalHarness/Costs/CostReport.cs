using System.Globalization;
using EvalHarness.Running;

namespace EvalHarness.Costs;

/// <summary>
/// What a run (or one suite) cost: the total, the system under test and the judge accounted separately, breakdowns by model, suite and
/// tag, the cost per passing case, and a warning for every kind of call whose cost is unknown.
/// </summary>
/// <remarks>
/// Per-case costs are on each case (<see cref="CallMeasurements.Cost"/>). Cases that made no model call (outputs from the dataset, invalid
/// rows, skipped cases) add nothing. Tags overlap, so the tag rows need not add up to the total. Judge calls are counted in
/// <see cref="Judge"/> from each judge metric's own measurements.
/// </remarks>
public sealed record CostReport
{
    /// <summary>The row key for calls whose model is not known.</summary>
    public const string NoModel = "(no model id)";

    /// <summary>The row key for cases without tags.</summary>
    public const string NoTag = "(untagged)";

    /// <summary>Everything: system under test plus judge.</summary>
    public CostFigure Total { get; init; } = CostFigure.Empty;

    /// <summary>The system under test's calls.</summary>
    public CostFigure SystemUnderTest { get; init; } = CostFigure.Empty;

    /// <summary>The judge's calls.</summary>
    public CostFigure Judge { get; init; } = CostFigure.Empty;

    /// <summary>The system under test's calls by model, most expensive first.</summary>
    public IReadOnlyList<CostLine> ByModel { get; init; } = [];

    /// <summary>By suite, in run order.</summary>
    public IReadOnlyList<CostLine> BySuite { get; init; } = [];

    /// <summary>By tag, most expensive first (<see cref="NoTag"/> for untagged cases).</summary>
    public IReadOnlyList<CostLine> ByTag { get; init; } = [];

    /// <summary>Cases whose verdict is pass.</summary>
    public int PassingCases { get; init; }

    /// <summary>The total divided by the passing cases, or null when no call was made, the total is unknown or no case passed.</summary>
    public decimal? CostPerPassingCase => Total.Calls > 0 && Total.Usd is { } usd && PassingCases > 0 ? usd / PassingCases : null;

    /// <summary>One line per reason a call's cost is unknown, with how many calls it affects.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The report over several suites.</summary>
    public static CostReport From(IEnumerable<SuiteResult> suites)
    {
        ArgumentNullException.ThrowIfNull(suites);
        var list = suites.ToList();
        var sut = CostFigure.Empty;
        var byModel = new Breakdown();
        var byTag = new Breakdown();
        var bySuite = new List<CostLine>();
        var unknown = new Dictionary<string, int>(StringComparer.Ordinal);
        var passing = 0;

        // Judge calls are accounted apart from the system under test's, never mixed into them.
        var judge = CostFigure.Empty;
        foreach (var suite in list)
        {
            var suiteFigure = CostFigure.Empty;
            var suitePassing = 0;
            var suiteCases = 0;

            // One pass per suite: a large suite's cases are read back from disk.
            foreach (var c in suite.Cases)
            {
                suiteCases++;
                foreach (var measured in c.Metrics.Select(m => m.JudgeMeasurements))
                {
                    if (measured?.Cost is { } judgeCost)
                    {
                        judge = judge.Add(judgeCost, measured.Usage, measured.Replayed);
                    }
                }

                var pass = c.Verdict == Verdict.Pass;
                passing += pass ? 1 : 0;
                suitePassing += pass ? 1 : 0;
                foreach (var tag in c.Tags.Count == 0 ? [NoTag] : c.Tags.Distinct(StringComparer.Ordinal))
                {
                    byTag.Add(tag, c, pass);
                }

                if (c.Measurements.Cost is not { } cost)
                {
                    continue;
                }

                suiteFigure = suiteFigure.Add(c);
                byModel.Add(cost.Model ?? NoModel, c, pass);
                if (cost.UnknownReason is { } reason)
                {
                    unknown[reason] = unknown.GetValueOrDefault(reason) + 1;
                }
            }

            sut = sut.Add(suiteFigure);
            bySuite.Add(new CostLine(suite.Name, suiteFigure, suiteCases, suitePassing));
        }

        return new CostReport
        {
            SystemUnderTest = sut,
            Judge = judge,
            Total = sut.Add(judge),
            ByModel = byModel.Lines(onlyWithCalls: true),
            BySuite = bySuite,
            ByTag = byTag.Lines(onlyWithCalls: false),
            PassingCases = passing,
            Warnings = unknown.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => "cost unknown for " + p.Value.ToString(CultureInfo.InvariantCulture) + (p.Value == 1 ? " call: " : " calls: ") + p.Key)
                .ToArray(),
        };
    }

    /// <summary>The report over one suite.</summary>
    public static CostReport From(SuiteResult suite) => From([suite]);

    private sealed class Breakdown
    {
        private readonly Dictionary<string, (CostFigure Cost, int Cases, int Passing)> _rows = new(StringComparer.Ordinal);

        public void Add(string key, CaseResult c, bool pass)
        {
            var row = _rows.TryGetValue(key, out var existing) ? existing : (Cost: CostFigure.Empty, Cases: 0, Passing: 0);
            _rows[key] = (row.Cost.Add(c), row.Cases + 1, row.Passing + (pass ? 1 : 0));
        }

        public IReadOnlyList<CostLine> Lines(bool onlyWithCalls) => _rows
            .Where(r => !onlyWithCalls || r.Value.Cost.Calls > 0)
            .Select(r => new CostLine(r.Key, r.Value.Cost, r.Value.Cases, r.Value.Passing))
            .OrderByDescending(l => l.Cost.KnownUsd).ThenByDescending(l => l.Cost.UnknownCalls).ThenBy(l => l.Key, StringComparer.Ordinal)
            .ToArray();
    }
}
