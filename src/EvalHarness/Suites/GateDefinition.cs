namespace EvalHarness.Suites;

/// <summary>The suite's <c>gate:</c> section: what a run must achieve to pass.</summary>
/// <remarks>
/// A suite without a gate behaves like a test suite: any <c>fail</c> or <c>error</c> verdict fails it. The absolute rules
/// (<c>min_pass_rate</c>, per-metric floors in <c>metrics:</c>, <c>budget_usd</c>) judge this run alone; the baseline rules
/// (<c>regression:</c>, <c>drift:</c>, <c>different_ruler:</c>, <c>snapshots:</c>) compare it with the baseline committed in
/// <c>baselines/</c> beside the suite file. Severities are booleans here (true = <c>critical</c>: the rule fails the run;
/// false = <c>warning</c>: the rule is reported and the run passes).
/// </remarks>
public sealed class GateDefinition
{
    /// <summary>The significance level used when <c>regression:</c> gives none.</summary>
    public const double DefaultAlpha = 0.05;

    /// <summary>The fewest paired cases a regression test decides on when <c>regression.min_samples</c> is not given.</summary>
    public const int DefaultRegressionMinSamples = 10;

    /// <summary>The relative change of a mean that counts as drift when <c>drift.pct_threshold</c> is not given.</summary>
    public const double DefaultDriftPctThreshold = 0.1;

    private static readonly IReadOnlyDictionary<string, double> NoFloors = new Dictionary<string, double>();

    /// <summary>Creates a gate. Use <see cref="SuiteParser"/> to read one from a file.</summary>
    /// <param name="minPassRate"><c>min_pass_rate</c>, or null.</param>
    /// <param name="regressionAlpha"><c>regression.alpha</c>, or null.</param>
    /// <param name="regressionMargin"><c>regression.margin</c>, or null.</param>
    /// <param name="budgetUsd"><c>budget_usd</c>, or null.</param>
    /// <param name="location">Where the section was written.</param>
    /// <param name="minSamples"><c>min_samples</c>, or null.</param>
    /// <param name="hasRegression">True when a <c>regression:</c> section is present.</param>
    /// <param name="regressionMinSamples"><c>regression.min_samples</c>, or null for <see cref="DefaultRegressionMinSamples"/>.</param>
    /// <param name="regressionIsCritical"><c>regression.severity</c> is <c>critical</c> (the default).</param>
    /// <param name="driftEnabled">False when <c>drift: false</c>.</param>
    /// <param name="driftPctThreshold"><c>drift.pct_threshold</c>, or null for <see cref="DefaultDriftPctThreshold"/>.</param>
    /// <param name="driftIsCritical"><c>drift.severity</c> is <c>critical</c> (default <c>warning</c>).</param>
    /// <param name="differentRulerFails"><c>different_ruler: fail</c> (default <c>warn</c>).</param>
    /// <param name="snapshots"><c>snapshots: true</c>.</param>
    /// <param name="metricMinPassRates"><c>metrics.&lt;name&gt;.min_pass_rate</c> by metric name.</param>
    /// <param name="metricMinScores"><c>metrics.&lt;name&gt;.min_score</c> by metric name.</param>
    /// <param name="hasDrift">True when a <c>drift:</c> section with settings is present.</param>
    public GateDefinition(double? minPassRate, double? regressionAlpha, double? regressionMargin, double? budgetUsd, SourceLocation location,
        int? minSamples = null, bool hasRegression = false, int? regressionMinSamples = null, bool regressionIsCritical = true,
        bool driftEnabled = true, double? driftPctThreshold = null, bool driftIsCritical = false, bool differentRulerFails = false,
        bool snapshots = false, IReadOnlyDictionary<string, double>? metricMinPassRates = null,
        IReadOnlyDictionary<string, double>? metricMinScores = null, bool hasDrift = false)
    {
        MinPassRate = minPassRate;
        RegressionAlpha = regressionAlpha;
        RegressionMargin = regressionMargin;
        BudgetUsd = budgetUsd;
        Location = location;
        MinSamples = minSamples;
        HasRegression = hasRegression || regressionAlpha is not null || regressionMargin is not null;
        RegressionMinSamples = regressionMinSamples ?? DefaultRegressionMinSamples;
        RegressionIsCritical = regressionIsCritical;
        DriftEnabled = driftEnabled;
        HasDrift = hasDrift && driftEnabled;
        DriftPctThreshold = driftPctThreshold ?? DefaultDriftPctThreshold;
        DriftIsCritical = driftIsCritical;
        DifferentRulerFails = differentRulerFails;
        Snapshots = snapshots;
        MetricMinPassRates = metricMinPassRates ?? NoFloors;
        MetricMinScores = metricMinScores ?? NoFloors;
    }

    /// <summary>The minimum fraction of cases whose verdict is <c>pass</c>, or null for no minimum.</summary>
    public double? MinPassRate { get; }

    /// <summary><c>regression.alpha</c>: the significance level of regression tests against the baseline.</summary>
    public double? RegressionAlpha { get; }

    /// <summary><c>regression.margin</c>: the non-inferiority margin of regression tests.</summary>
    public double? RegressionMargin { get; }

    /// <summary>The most the run may cost in US dollars, or null for no budget.</summary>
    public double? BudgetUsd { get; }

    /// <summary>Where the section was written.</summary>
    public SourceLocation Location { get; }

    /// <summary>
    /// <c>min_samples</c>: below this many cases a rate whose Wilson interval straddles its threshold is inconclusive rather than a
    /// pass or a fail. Null (the default) decides on the observed rate whatever the sample size.
    /// </summary>
    public int? MinSamples { get; }

    /// <summary>True when the suite asks for a regression comparison against its baseline.</summary>
    public bool HasRegression { get; }

    /// <summary>The fewest paired cases (present in the run and the baseline) a metric's regression test decides on.</summary>
    public int RegressionMinSamples { get; }

    /// <summary>True when a regression fails the run (<c>severity: critical</c>, the default); false reports it as a warning.</summary>
    public bool RegressionIsCritical { get; }

    /// <summary>False when <c>drift: false</c> turns the drift report off.</summary>
    public bool DriftEnabled { get; }

    /// <summary>True when the suite configures drift explicitly (which, like <c>regression:</c>, asks for a baseline).</summary>
    public bool HasDrift { get; }

    /// <summary>The relative change of a mean that counts as drift (0.1 = 10 %).</summary>
    public double DriftPctThreshold { get; }

    /// <summary>True when critical drift fails the run (<c>drift.severity: critical</c>); by default drift is only reported.</summary>
    public bool DriftIsCritical { get; }

    /// <summary>True when comparing with a baseline measured by another judge model, rubric or dataset fails the run (<c>different_ruler: fail</c>).</summary>
    public bool DifferentRulerFails { get; }

    /// <summary>True when each case's output is compared with a verified snapshot file (<c>snapshots: true</c>).</summary>
    public bool Snapshots { get; }

    /// <summary>Per-metric floors on the pass rate, by metric name (<c>metrics: { name: { min_pass_rate } }</c>).</summary>
    public IReadOnlyDictionary<string, double> MetricMinPassRates { get; }

    /// <summary>Per-metric floors on the mean score, by metric name (<c>metrics: { name: { min_score } }</c>).</summary>
    public IReadOnlyDictionary<string, double> MetricMinScores { get; }

    /// <summary>True when any rule compares the run with the committed baseline.</summary>
    public bool UsesBaseline => HasRegression || HasDrift || Snapshots;
}
