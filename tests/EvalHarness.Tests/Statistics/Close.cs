namespace EvalHarness.Tests.Statistics;

/// <summary>Floating-point comparison against reference values: NaN equals NaN, infinities match exactly, finite values to a relative tolerance.</summary>
internal static class Close
{
    public static void Equal(double expected, double actual, double relative = 1e-12, string? what = null, double absolute = 1e-300)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            Assert.True(expected.Equals(actual), (what ?? "value") + ": expected " + expected + ", got " + actual);
            return;
        }

        var tolerance = Math.Max(relative * Math.Abs(expected), absolute);
        Assert.True(Math.Abs(expected - actual) <= tolerance,
            (what ?? "value") + ": expected " + expected.ToString("R", System.Globalization.CultureInfo.InvariantCulture) +
            ", got " + actual.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }
}
