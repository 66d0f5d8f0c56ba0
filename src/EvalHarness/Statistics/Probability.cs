using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace EvalHarness.Statistics;

/// <summary>
/// Tail probabilities of the reference distributions, from MathNet.Numerics. Upper tails are computed directly (erfc, the
/// regularized incomplete gamma and beta functions), never as 1 − CDF, so small p-values keep their precision.
/// </summary>
internal static class Probability
{
    /// <summary>P(Z &gt; z) for a standard normal Z (scipy's <c>norm.sf</c>).</summary>
    public static double NormalSf(double z) => 0.5 * SpecialFunctions.Erfc(z / Constants.Sqrt2);

    /// <summary>The standard normal quantile with upper tail <paramref name="p"/> (scipy's <c>norm.isf</c>).</summary>
    public static double NormalIsf(double p) => -Normal.InvCDF(0, 1, p);

    /// <summary>P(|T| ≥ |t|) for Student's t with <paramref name="df"/> degrees of freedom (scipy's <c>2·stdtr(df, −|t|)</c>).</summary>
    public static double StudentTTwoSided(double t, double df)
    {
        if (double.IsNaN(t) || double.IsNaN(df))
        {
            return double.NaN;
        }

        if (double.IsInfinity(t))
        {
            return 0;
        }

        return SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + (t * t)));
    }

    /// <summary>P(X &gt; x) for chi-squared X with <paramref name="df"/> degrees of freedom (scipy's <c>chi2.sf</c>).</summary>
    public static double ChiSquaredSf(double x, double df) =>
        double.IsNaN(x) ? double.NaN : x <= 0 ? 1 : double.IsPositiveInfinity(x) ? 0 : SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);

    /// <summary>P(X = k) for X ~ Binomial(n, p).</summary>
    public static double BinomialPmf(double k, int n, double p) =>
        k < 0 || k > n || k != Math.Floor(k) ? 0 : Binomial.PMF(p, n, (int)k);

    /// <summary>P(X ≤ k) for X ~ Binomial(n, p).</summary>
    public static double BinomialCdf(double k, int n, double p)
    {
        k = Math.Floor(k);
        return k < 0 ? 0 : k >= n ? 1 : SpecialFunctions.BetaRegularized(n - k, k + 1, 1 - p);
    }

    /// <summary>P(X &gt; k) for X ~ Binomial(n, p).</summary>
    public static double BinomialSf(double k, int n, double p)
    {
        k = Math.Floor(k);
        return k < 0 ? 1 : k >= n ? 0 : SpecialFunctions.BetaRegularized(k + 1, n - k, p);
    }

    /// <summary>P(X = k) for X hypergeometric: <paramref name="draws"/> from <paramref name="population"/> holding <paramref name="successes"/>.</summary>
    public static double HypergeometricPmf(long k, int population, int successes, int draws) =>
        k < Math.Max(0, draws - (population - successes)) || k > Math.Min(successes, draws) ? 0
            : Hypergeometric.PMF(population, successes, draws, (int)k);

    /// <summary>P(X ≤ k), summed over the support (every term positive, so no cancellation).</summary>
    public static double HypergeometricCdf(long k, int population, int successes, int draws)
    {
        var low = Math.Max(0, draws - (population - successes));
        var sum = 0.0;
        for (long i = low; i <= Math.Min(k, Math.Min(successes, draws)); i++)
        {
            sum += HypergeometricPmf(i, population, successes, draws);
        }

        return Math.Min(sum, 1);
    }

    /// <summary>P(X &gt; k), summed over the support.</summary>
    public static double HypergeometricSf(long k, int population, int successes, int draws)
    {
        var high = Math.Min(successes, draws);
        var sum = 0.0;
        for (long i = Math.Max(k + 1, Math.Max(0, draws - (population - successes))); i <= high; i++)
        {
            sum += HypergeometricPmf(i, population, successes, draws);
        }

        return Math.Min(sum, 1);
    }
}
