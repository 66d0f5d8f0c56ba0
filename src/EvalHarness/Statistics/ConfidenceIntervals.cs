namespace EvalHarness.Statistics;

/// <summary>Confidence intervals for a proportion and for a mean.</summary>
public static class ConfidenceIntervals
{
    /// <summary>The Wilson score interval for a binomial proportion, as statsmodels' <c>proportion_confint(method="wilson")</c> (not clipped to [0, 1]).</summary>
    /// <param name="successes">Trials that succeeded.</param>
    /// <param name="trials">All trials; zero gives a NaN interval.</param>
    /// <param name="confidence">The coverage, for example 0.95.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, successes exceed trials, or the confidence is not strictly between 0 and 1.</exception>
    public static Interval Wilson(int successes, int trials, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        CheckConfidence(confidence);
        if (trials == 0)
        {
            return new Interval(double.NaN, double.NaN);
        }

        var crit = Probability.NormalIsf((1 - confidence) / 2);
        var crit2 = crit * crit;
        double n = trials, q = successes / n;
        var denominator = 1 + (crit2 / n);
        var center = (q + (crit2 / (2 * n))) / denominator;
        var half = crit * Math.Sqrt((q * (1 - q) / n) + (crit2 / (4 * n * n))) / denominator;
        return new Interval(center - half, center + half);
    }

    /// <summary>
    /// A percentile bootstrap interval for the mean of <paramref name="values"/>: the mean of <paramref name="resamples"/> samples drawn
    /// with replacement, cut at the (1 − confidence)/2 and (1 + confidence)/2 percentiles. Deterministic for a given seed.
    /// </summary>
    /// <param name="values">The sample (for a paired comparison, the per-case differences).</param>
    /// <param name="confidence">The coverage, for example 0.95.</param>
    /// <param name="resamples">How many bootstrap samples to draw.</param>
    /// <param name="seed">The random seed: the same input and seed always give the same interval.</param>
    /// <returns>The interval; NaN for an empty sample or NaN values; a single point when every value is the same.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The confidence is not strictly between 0 and 1, or <paramref name="resamples"/> is below 1.</exception>
    public static Interval BootstrapMean(IReadOnlyList<double> values, double confidence = 0.95, int resamples = 2000, int seed = 20240601)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckConfidence(confidence);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (values.Count == 0 || Sample.HasNaN(values))
        {
            return new Interval(double.NaN, double.NaN);
        }

        var random = new Random(seed);
        var n = values.Count;
        var means = new double[resamples];

        // An array, not the IReadOnlyList: the inner loop runs n·resamples times and an interface indexer call per draw costs more than the copy.
        var data = values as double[] ?? [.. values];
        for (var r = 0; r < resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += data[random.Next(n)];
            }

            means[r] = sum / n;
        }

        var tail = (1 - confidence) / 2 * 100;
        return new Interval(Descriptive.Percentile(means, tail), Descriptive.Percentile(means, 100 - tail));
    }

    private static void CheckConfidence(double confidence)
    {
        if (!(confidence is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "a confidence level lies strictly between 0 and 1, for example 0.95");
        }
    }
}
