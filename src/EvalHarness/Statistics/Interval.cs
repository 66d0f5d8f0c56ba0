namespace EvalHarness.Statistics;

/// <summary>A closed interval, typically a confidence interval.</summary>
/// <param name="Lower">The lower end; NaN when undefined.</param>
/// <param name="Upper">The upper end; NaN when undefined.</param>
public readonly record struct Interval(double Lower, double Upper)
{
    /// <summary>True when <paramref name="value"/> lies strictly between the ends: the interval cannot tell which side of it the truth is.</summary>
    public bool Straddles(double value) => Lower < value && value < Upper;

    /// <summary>True when <paramref name="value"/> lies in the closed interval.</summary>
    public bool Contains(double value) => Lower <= value && value <= Upper;
}
