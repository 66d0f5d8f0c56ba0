using System.Globalization;
using EvalHarness.Statistics;

namespace EvalHarness.Reporting;

/// <summary>How every report writes numbers: milliseconds, percentages, intervals, scores (invariant culture, "–" for none).</summary>
internal static class Figures
{
    public const string None = "–";

    public static string Ms(double? value) => value is { } v && double.IsFinite(v)
        ? v >= 10_000 ? (v / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s"
            : v.ToString(v < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms"
        : None;

    public static string Percent(double? value) => value is { } v && double.IsFinite(v) ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : None;

    public static string Interval(Interval? interval) => interval is { } i && double.IsFinite(i.Lower) && double.IsFinite(i.Upper)
        ? (Math.Clamp(i.Lower, 0, 1) * 100).ToString("0.0", CultureInfo.InvariantCulture) + "–" + (Math.Clamp(i.Upper, 0, 1) * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"
        : None;

    public static string Score(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : None;

    public static string Rate(int count, double? rate) => rate is { } r ? count.ToString(CultureInfo.InvariantCulture) + " (" + Percent(r) + ")" : None;

    public static string PerSecond(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0", CultureInfo.InvariantCulture) : None;

    public static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
