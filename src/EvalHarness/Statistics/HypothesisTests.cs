namespace EvalHarness.Statistics;

/// <summary>
/// Two-sided hypothesis tests with the semantics of scipy 1.10 and statsmodels 0.13, checked against their values. Degenerate input
/// (an empty sample, NaN, no variation, no non-zero difference) gives NaN, never an exception; invalid arguments (negative counts,
/// paired samples of different lengths) throw.
/// </summary>
public static class HypothesisTests
{
    private const int KolmogorovSmirnovMaxExactN = 10_000;

    // The exact signed-rank distribution costs O(n³); beyond this the normal approximation is used even when Exact is asked for.
    private const int WilcoxonMaxExactN = 400;

    /// <summary>
    /// The Mann-Whitney U test of two independent samples, as <c>scipy.stats.mannwhitneyu(a, b, use_continuity=True)</c>.
    /// </summary>
    /// <returns>
    /// <see cref="TestResult.Statistic"/> is U of sample <paramref name="a"/> (the number of pairs in which a's value is larger, ties
    /// counting one half). The asymptotic p-value is normal with the tie-corrected variance and a continuity correction; <see cref="PValueMethod.Auto"/>
    /// is exact when either sample has at most 8 values and there are no ties; an exact distribution needing more than 2·10⁸ steps
    /// (samples in the thousands) falls back to the normal approximation.
    /// </returns>
    public static TestResult MannWhitneyU(IReadOnlyList<double> a, IReadOnlyList<double> b, PValueMethod method = PValueMethod.Auto)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0 || Sample.HasNaN(a) || Sample.HasNaN(b))
        {
            return new TestResult(double.NaN, double.NaN);
        }

        int n1 = a.Count, n2 = b.Count;
        var all = a.Concat(b).ToArray();
        var ranks = Ranking.Average(all);
        var r1 = 0.0;
        for (var i = 0; i < n1; i++)
        {
            r1 += ranks[i];
        }

        var u1 = r1 - (n1 * (n1 + 1.0) / 2);
        var u2 = ((double)n1 * n2) - u1;
        var u = Math.Max(u1, u2);
        var exact = method switch
        {
            PValueMethod.Exact => true,
            PValueMethod.Asymptotic => false,
            _ => !(n1 > 8 && n2 > 8) && Ranking.TieGroupSizes(all).All(t => t == 1),
        };

        double p;
        if (exact && MannWhitneyDistribution.Feasible(n1, n2))
        {
            p = 2 * MannWhitneyDistribution.Sf((int)u, n1, n2);
        }
        else
        {
            var n = n1 + n2;
            var s = Math.Sqrt((double)n1 * n2 / 12 * (n + 1 - (Ranking.TieTerm(ranks) / ((double)n * (n - 1)))));
            var z = (u - ((double)n1 * n2 / 2) - 0.5) / s;
            p = 2 * Probability.NormalSf(z);
        }

        return new TestResult(u1, Math.Clamp(p, 0, 1));
    }

    /// <summary>The two-sample Kolmogorov-Smirnov test, as <c>scipy.stats.ks_2samp(a, b)</c>.</summary>
    /// <returns>
    /// <see cref="TestResult.Statistic"/> is D, the largest distance between the two empirical distribution functions. The exact p-value
    /// (Hodges' lattice-path count) is used by <see cref="PValueMethod.Auto"/> when both samples have at most 10,000 values; the
    /// asymptotic one is the Kolmogorov distribution with n = round(n₁n₂ / (n₁ + n₂)).
    /// </returns>
    public static TestResult KolmogorovSmirnov(IReadOnlyList<double> a, IReadOnlyList<double> b, PValueMethod method = PValueMethod.Auto)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = Sample.SortedOrNull(a);
        var y = Sample.SortedOrNull(b);
        if (x is null || y is null)
        {
            return new TestResult(double.NaN, double.NaN);
        }

        int n1 = x.Length, n2 = y.Length;
        double maxDiff = double.NegativeInfinity, minDiff = double.PositiveInfinity;
        foreach (var value in x.Concat(y))
        {
            var diff = ((double)UpperBound(x, value) / n1) - ((double)UpperBound(y, value) / n2);
            maxDiff = Math.Max(maxDiff, diff);
            minDiff = Math.Min(minDiff, diff);
        }

        var minS = Math.Clamp(-minDiff, 0, 1);
        var d = minS > maxDiff ? minS : maxDiff;
        var exact = method switch
        {
            PValueMethod.Exact => (double)(n1 / Gcd(n1, n2)) < int.MaxValue / (double)(n2 / Gcd(n1, n2)),
            PValueMethod.Asymptotic => false,
            _ => Math.Max(n1, n2) <= KolmogorovSmirnovMaxExactN,
        };

        if (exact && KolmogorovDistribution.TryTwoSampleExact(n1, n2, ref d, out var exactP))
        {
            return new TestResult(d, Math.Clamp(exactP, 0, 1));
        }

        double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        var en = m * n / (m + n);
        var p = KolmogorovDistribution.KolmogorovSf((int)Math.Round(en, MidpointRounding.ToEven), d);
        return new TestResult(d, double.IsNaN(p) ? p : Math.Clamp(p, 0, 1));
    }

    /// <summary>Welch's unequal-variances t-test, as <c>scipy.stats.ttest_ind(a, b, equal_var=False)</c>.</summary>
    /// <returns>The t statistic (mean of a minus mean of b over its standard error) and its two-sided p-value; NaN for a sample of fewer than two values.</returns>
    public static TestResult WelchT(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0 || Sample.HasNaN(a) || Sample.HasNaN(b))
        {
            return new TestResult(double.NaN, double.NaN);
        }

        var x = a.ToArray();
        var y = b.ToArray();
        var vn1 = Sample.Variance(x, 1) / x.Length;
        var vn2 = Sample.Variance(y, 1) / y.Length;
        var df = (vn1 + vn2) * (vn1 + vn2) / ((vn1 * vn1 / (x.Length - 1)) + (vn2 * vn2 / (y.Length - 1)));

        // Zero variances leave df undefined; scipy then uses 1, which only matters when the means differ (t = ±∞, p = 0).
        if (double.IsNaN(df))
        {
            df = 1;
        }

        var t = (Sample.Mean(x) - Sample.Mean(y)) / Math.Sqrt(vn1 + vn2);
        return new TestResult(t, Probability.StudentTTwoSided(t, df));
    }

    /// <summary>
    /// The Wilcoxon signed-rank test of paired samples, as <c>scipy.stats.wilcoxon(a, b, zero_method, correction, method)</c> on the
    /// differences a − b.
    /// </summary>
    /// <param name="a">The first sample.</param>
    /// <param name="b">The second sample, paired with <paramref name="a"/> by position.</param>
    /// <param name="zeroMethod">How zero differences are treated.</param>
    /// <param name="continuityCorrection">Apply a continuity correction of ½ to the normal approximation.</param>
    /// <param name="method">
    /// <see cref="PValueMethod.Auto"/> is exact for up to 50 pairs; the exact distribution assumes no zero differences, so with zeros
    /// the normal approximation (tie- and zero-corrected) is used, as scipy does. <see cref="PValueMethod.Exact"/> is honoured up to
    /// 400 pairs.
    /// </param>
    /// <returns>
    /// <see cref="TestResult.Statistic"/> is min(r₊, r₋), the smaller of the rank sums of positive and negative differences. NaN when
    /// there are no pairs, or every difference is zero.
    /// </returns>
    /// <exception cref="ArgumentException">The samples differ in length.</exception>
    public static TestResult WilcoxonSignedRank(IReadOnlyList<double> a, IReadOnlyList<double> b, ZeroMethod zeroMethod = ZeroMethod.Wilcox,
        bool continuityCorrection = false, PValueMethod method = PValueMethod.Auto)
    {
        var d = Differences(a, b);
        if (d.Length == 0 || Sample.HasNaN(d))
        {
            return new TestResult(double.NaN, double.NaN);
        }

        var exact = method switch
        {
            PValueMethod.Exact => true,
            PValueMethod.Asymptotic => false,
            _ => d.Length <= 50,
        };

        var zeros = d.Count(v => v == 0);
        if (zeros > 0 || d.Length > WilcoxonMaxExactN)
        {
            exact = false;
        }

        if (!exact)
        {
            if (zeros == d.Length)
            {
                return new TestResult(double.NaN, double.NaN);
            }

            if (zeroMethod == ZeroMethod.Wilcox)
            {
                d = d.Where(v => v != 0).ToArray();
                zeros = 0;
            }
        }

        var count = d.Length;
        var ranks = Ranking.Average(d.Select(Math.Abs).ToArray());
        double rPlus = 0, rMinus = 0;
        for (var i = 0; i < count; i++)
        {
            if (d[i] > 0)
            {
                rPlus += ranks[i];
            }
            else if (d[i] < 0)
            {
                rMinus += ranks[i];
            }
        }

        var statistic = Math.Min(rPlus, rMinus);
        if (exact)
        {
            return new TestResult(statistic, ExactWilcoxonP(count, (int)rPlus));
        }

        var mean = count * (count + 1.0) * 0.25;
        var variance = count * (count + 1.0) * ((2.0 * count) + 1);
        var nonZeroRanks = ranks;
        if (zeros > 0)
        {
            // Pratt: the zeros took the lowest ranks; remove their share from the mean and variance (Cureton 1967).
            nonZeroRanks = ranks.Where((_, i) => d[i] != 0).ToArray();
            mean -= zeros * (zeros + 1.0) * 0.25;
            variance -= zeros * (zeros + 1.0) * ((2.0 * zeros) + 1);
        }

        variance -= 0.5 * Ranking.TieTerm(nonZeroRanks);
        var se = Math.Sqrt(variance / 24);
        var correction = continuityCorrection ? 0.5 * Math.Sign(statistic - mean) : 0;
        var z = (statistic - mean - correction) / se;
        return new TestResult(statistic, 2 * Probability.NormalSf(Math.Abs(z)));
    }

    /// <summary>The paired t-test, as <c>scipy.stats.ttest_rel(a, b)</c>: a one-sample t-test of the differences a − b against 0.</summary>
    /// <returns>The t statistic and its two-sided p-value with n − 1 degrees of freedom; NaN for fewer than two pairs or all-equal zero differences.</returns>
    /// <exception cref="ArgumentException">The samples differ in length.</exception>
    public static TestResult PairedT(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var d = Differences(a, b);
        if (d.Length == 0 || Sample.HasNaN(d))
        {
            return new TestResult(double.NaN, double.NaN);
        }

        var n = d.Length;
        var t = Sample.Mean(d) / Math.Sqrt(Sample.Variance(d, 1) / n);
        return new TestResult(t, Probability.StudentTTwoSided(t, n - 1));
    }

    /// <summary>McNemar's test on the discordant pairs of a paired pass/fail comparison, as statsmodels' <c>mcnemar</c>.</summary>
    /// <param name="onlyA">Pairs where only the first measurement passed (the table's b cell).</param>
    /// <param name="onlyB">Pairs where only the second passed (the table's c cell).</param>
    /// <param name="exact">Use the exact binomial test (statsmodels' default) rather than chi-squared.</param>
    /// <param name="continuityCorrection">Subtract 1 from |b − c| in the chi-squared statistic (ignored when exact).</param>
    /// <returns>
    /// Exact: Statistic = min(b, c), p = min(1, 2·P(Binomial(b + c, ½) ≤ min(b, c))), which is 1 when there are no discordant pairs.
    /// Chi-squared: Statistic = (|b − c| − correction)² / (b + c), NaN when b + c = 0.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static TestResult McNemar(int onlyA, int onlyB, bool exact = true, bool continuityCorrection = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onlyA);
        ArgumentOutOfRangeException.ThrowIfNegative(onlyB);
        var n = onlyA + onlyB;
        if (exact)
        {
            var statistic = Math.Min(onlyA, onlyB);
            return new TestResult(statistic, Math.Min(1, Probability.BinomialCdf(statistic, n, 0.5) * 2));
        }

        var excess = Math.Abs(onlyA - onlyB) - (continuityCorrection ? 1.0 : 0.0);
        var chi2 = excess * excess / n;
        return new TestResult(chi2, Probability.ChiSquaredSf(chi2, 1));
    }

    /// <summary>
    /// The mid-p version of the exact McNemar test (Fagerland, Lydersen and Laake 2013): the exact binomial p-value minus the
    /// probability of the observed count, p = min(1, 2·(P(X ≤ k) − ½·P(X = k))) for X ~ Binomial(b + c, ½) and k = min(b, c).
    /// </summary>
    /// <remarks>
    /// The conventional exact test is conservative — with 100 paired cases its false-alarm rate at α = 0.05 is about 0.03 — while
    /// the mid-p test holds its nominal level closely; the regression gate uses it for pass/fail metrics.
    /// </remarks>
    /// <returns>Statistic = min(b, c); p = 1 when there are no discordant pairs.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static TestResult McNemarMidP(int onlyA, int onlyB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onlyA);
        ArgumentOutOfRangeException.ThrowIfNegative(onlyB);
        var n = onlyA + onlyB;
        var k = Math.Min(onlyA, onlyB);
        if (n == 0)
        {
            return new TestResult(0, 1);
        }

        var p = 2 * (Probability.BinomialCdf(k, n, 0.5) - (0.5 * Probability.BinomialPmf(k, n, 0.5)));
        return new TestResult(k, Math.Clamp(p, 0, 1));
    }

    /// <summary>Fisher's exact test of the 2×2 table [[a, b], [c, d]], as <c>scipy.stats.fisher_exact</c>.</summary>
    /// <returns>
    /// <see cref="TestResult.Statistic"/> is the sample odds ratio a·d / (b·c) (∞ when b or c is 0). The p-value sums the probabilities
    /// of all tables with the same margins that are no more likely than this one. A row or column of zeros gives (NaN, 1).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static TestResult FisherExact(int a, int b, int c, int d)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(a);
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        ArgumentOutOfRangeException.ThrowIfNegative(d);
        if (a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0)
        {
            return new TestResult(double.NaN, 1);
        }

        var oddsRatio = c > 0 && b > 0 ? (double)((long)a * d) / ((long)c * b) : double.PositiveInfinity;
        int n1 = a + b, n2 = c + d, draws = a + c, population = n1 + n2;
        double Pmf(long k) => Probability.HypergeometricPmf(k, population, n1, draws);
        var mode = (int)((draws + 1.0) * (n1 + 1.0) / (population + 2.0));
        var pExact = Pmf(a);
        var pMode = Pmf(mode);
        const double Epsilon = 1e-14;
        const double Gamma = 1 + Epsilon;
        if (Math.Abs(pExact - pMode) / Math.Max(pExact, pMode) <= Epsilon)
        {
            return new TestResult(oddsRatio, 1);
        }

        double p;
        if (a < mode)
        {
            var lower = Probability.HypergeometricCdf(a, population, n1, draws);
            if (Pmf(draws) > pExact * Gamma)
            {
                return new TestResult(oddsRatio, Math.Min(lower, 1));
            }

            var guess = BinarySearch(x => -Pmf(x), -pExact * Gamma, mode, draws);
            p = lower + Probability.HypergeometricSf(guess, population, n1, draws);
        }
        else
        {
            var upper = Probability.HypergeometricSf(a - 1, population, n1, draws);
            if (Pmf(0) > pExact * Gamma)
            {
                return new TestResult(oddsRatio, Math.Min(upper, 1));
            }

            var guess = BinarySearch(Pmf, pExact * Gamma, 0, mode);
            p = upper + Probability.HypergeometricCdf(guess, population, n1, draws);
        }

        return new TestResult(oddsRatio, Math.Min(p, 1));
    }

    /// <summary>The exact binomial test, as <c>scipy.stats.binomtest(successes, trials, probability)</c>.</summary>
    /// <returns>
    /// <see cref="TestResult.Statistic"/> is successes / trials. The p-value sums the probabilities of all outcomes no more likely than
    /// the observed one (with scipy's relative tolerance of 1e-7). NaN for zero trials.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, successes exceed trials, or the probability is outside [0, 1].</exception>
    public static TestResult Binomial(int successes, int trials, double probability = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (!(probability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "a probability lies in [0, 1]");
        }

        if (trials == 0)
        {
            return new TestResult(double.NaN, double.NaN);
        }

        int k = successes, n = trials;
        var pk = Probability.BinomialPmf(k, n, probability);
        const double RelativeError = 1 + 1e-7;
        double p;
        if (k == probability * n)
        {
            p = 1;
        }
        else if (k < probability * n)
        {
            var ix = BinarySearch(x => -Probability.BinomialPmf(x, n, probability), -pk * RelativeError, (long)Math.Ceiling(probability * n), n);
            var y = n - ix + (pk * RelativeError == Probability.BinomialPmf(ix, n, probability) ? 1 : 0);
            p = Probability.BinomialCdf(k, n, probability) + Probability.BinomialSf(n - y, n, probability);
        }
        else
        {
            var ix = BinarySearch(x => Probability.BinomialPmf(x, n, probability), pk * RelativeError, 0, (long)Math.Floor(probability * n));
            var y = ix + 1;
            p = Probability.BinomialCdf(y - 1, n, probability) + Probability.BinomialSf(k - 1, n, probability);
        }

        return new TestResult((double)k / n, Math.Min(1, p));
    }

    private static double[] Differences(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException("paired samples must have the same length (" + a.Count + " and " + b.Count + ")", nameof(b));
        }

        var d = new double[a.Count];
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = a[i] - b[i];
        }

        return d;
    }

    private static double ExactWilcoxonP(int count, int rPlus)
    {
        var pmf = WilcoxonDistribution.Pmf(count);
        if (rPlus == (pmf.Length - 1) / 2)
        {
            return 1;
        }

        double less = 0, greater = 0;
        for (var i = 0; i < pmf.Length; i++)
        {
            if (i <= rPlus)
            {
                less += pmf[i];
            }

            if (i >= rPlus)
            {
                greater += pmf[i];
            }
        }

        return Math.Clamp(2 * Math.Min(less, greater), 0, 1);
    }

    // The index i in [lo, hi] with f(i) <= target < f(i + 1), for f ascending on that range (scipy's _binary_search_for_binom_tst).
    private static long BinarySearch(Func<long, double> f, double target, long lo, long hi)
    {
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var value = f(mid);
            if (value < target)
            {
                lo = mid + 1;
            }
            else if (value > target)
            {
                hi = mid - 1;
            }
            else
            {
                return mid;
            }
        }

        return f(lo) <= target ? lo : lo - 1;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
