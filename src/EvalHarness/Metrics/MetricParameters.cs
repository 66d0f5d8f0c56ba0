using System.Globalization;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary>Typed reads of a validated <see cref="MetricSpec"/>'s parameters.</summary>
/// <remarks>The spec was validated against its descriptor at load time, so these reads only fail on a descriptor bug.</remarks>
public static class MetricParameters
{
    /// <summary>A text parameter, or <paramref name="fallback"/> when absent.</summary>
    public static string? GetString(this MetricSpec spec, string key, string? fallback = null) => spec.Get(key)?.Scalar ?? fallback;

    /// <summary>A number parameter, or <paramref name="fallback"/> when absent.</summary>
    public static double? GetDouble(this MetricSpec spec, string key, double? fallback = null) =>
        spec.Get(key) is { } node && node.TryGetDouble(out var value) ? value : fallback;

    /// <summary>A whole-number parameter, or <paramref name="fallback"/> when absent.</summary>
    public static int? GetInt32(this MetricSpec spec, string key, int? fallback = null) =>
        spec.Get(key) is { } node && node.TryGetInt32(out var value) ? value : fallback;

    /// <summary>A boolean parameter, or <paramref name="fallback"/> when absent.</summary>
    public static bool GetBoolean(this MetricSpec spec, string key, bool fallback = false) =>
        spec.Get(key) is { } node && node.TryGetBoolean(out var value) ? value : fallback;

    /// <summary>A string-or-list parameter as a list; empty when absent.</summary>
    public static IReadOnlyList<string> GetStringList(this MetricSpec spec, string key) => spec.Get(key) switch
    {
        null => [],
        { Kind: ConfigNodeKind.Sequence } list => list.Items.Select(i => i.Scalar ?? string.Empty).ToArray(),
        { Kind: ConfigNodeKind.Scalar } one => [one.Scalar!],
        _ => [],
    };

    /// <summary>The metric's threshold: the suite's <c>threshold:</c>, else the descriptor's default, else <paramref name="fallback"/>.</summary>
    public static double Threshold(this MetricSpec spec, double fallback = 1.0) =>
        spec.GetDouble("threshold") ?? spec.Descriptor.DefaultThreshold ?? fallback;

    /// <summary>Formats a number for reasons and details: invariant culture, at most 4 decimals.</summary>
    public static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
