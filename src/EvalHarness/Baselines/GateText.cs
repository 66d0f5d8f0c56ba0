using System.Globalization;

namespace EvalHarness.Baselines;

/// <summary>Number formatting for gate messages: invariant culture, real minus signs, p-values that never print as 0.</summary>
internal static class GateText
{
    public static string Percent(double value) => double.IsNaN(value) ? "n/a" : (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value, string format = "0.###") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture).Replace("-", "−", StringComparison.Ordinal);

    public static string Signed(double value, string format = "0.###") =>
        (value > 0 ? "+" : string.Empty) + Number(value, format);

    /// <summary>A difference of rates in percentage points, signed.</summary>
    public static string Points(double value) => double.IsNaN(value) ? "n/a" : Signed(value * 100, "0.0") + " pts";

    public static string P(double p) =>
        double.IsNaN(p) ? "n/a" : p < 0.0001 ? "< 0.0001" : "= " + p.ToString(p < 0.01 ? "0.0000" : "0.000", CultureInfo.InvariantCulture);

    public static string Count(int n, string singular, string plural) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural);

    /// <summary>Up to <paramref name="max"/> ids, then "(+n more)".</summary>
    public static string Ids(IReadOnlyList<string> ids, int max = 10) =>
        string.Join(", ", ids.Take(max)) + (ids.Count > max ? " (+" + (ids.Count - max).ToString(CultureInfo.InvariantCulture) + " more)" : string.Empty);
}
