using EvalHarness.Baselines;

namespace EvalHarness.Tests.Baselines;

/// <summary>Builds baselines from plain per-case values, for tests of the comparison rules.</summary>
internal static class BaselineBuilder
{
    /// <summary>A baseline with one pass/fail metric: case i passes when <paramref name="passes"/>[i].</summary>
    public static Baseline PassFail(string metric, IReadOnlyList<bool> passes, string prefix = "case-") =>
        Of(passes.Select((p, i) => new BaselineCase(prefix + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
            p ? Verdict.Pass : Verdict.Fail,
            new Dictionary<string, BaselineMetric> { [metric] = new(p ? 1 : 0, p ? Verdict.Pass : Verdict.Fail) }, null, null)));

    /// <summary>A baseline with one score metric (passing at 0.5 and above).</summary>
    public static Baseline Scores(string metric, IReadOnlyList<double> scores, string prefix = "case-") =>
        Of(scores.Select((s, i) => new BaselineCase(prefix + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
            s >= 0.5 ? Verdict.Pass : Verdict.Fail,
            new Dictionary<string, BaselineMetric> { [metric] = new(s, s >= 0.5 ? Verdict.Pass : Verdict.Fail) }, null, null)));

    /// <summary>A baseline of the given cases.</summary>
    public static Baseline Of(IEnumerable<BaselineCase> cases) => new() { Suite = "s", Cases = cases.ToArray() };
}
