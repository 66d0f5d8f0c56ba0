using EvalHarness.Baselines;

namespace EvalHarness.Reporting;

/// <summary>How results.json spells a gate check's severity, comparison verdict and drift level, both ways.</summary>
internal static class GateCheckText
{
    public static string Severity(RuleSeverity severity) => severity == RuleSeverity.Warning ? "warning" : "critical";

    public static RuleSeverity? ParseSeverity(string? text) => text switch
    {
        "warning" => RuleSeverity.Warning,
        "critical" => RuleSeverity.Critical,
        _ => null,
    };

    public static string Comparison(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.Improved => "improved",
        ComparisonVerdict.Regressed => "regressed",
        ComparisonVerdict.Inconclusive => "inconclusive",
        _ => "pass",
    };

    public static ComparisonVerdict? ParseComparison(string? text) => text switch
    {
        "pass" => ComparisonVerdict.Pass,
        "improved" => ComparisonVerdict.Improved,
        "regressed" => ComparisonVerdict.Regressed,
        "inconclusive" => ComparisonVerdict.Inconclusive,
        _ => null,
    };

    public static string DriftLevel(DriftLevel level) => level switch
    {
        Baselines.DriftLevel.Drift => "drift",
        Baselines.DriftLevel.Critical => "critical",
        _ => "none",
    };

    public static DriftLevel? ParseDriftLevel(string? text) => text switch
    {
        "none" => Baselines.DriftLevel.None,
        "drift" => Baselines.DriftLevel.Drift,
        "critical" => Baselines.DriftLevel.Critical,
        _ => null,
    };
}
