using EvalHarness.Baselines;
using EvalHarness.Statistics;
using MathNet.Numerics.Distributions;

namespace EvalHarness.Tests.Statistics;

/// <summary>
/// Simulated comparisons of a 100-case suite with two metrics — <c>resolved</c> (pass/fail) and <c>rating</c> (a 1–5 judge rating
/// scored (r − 1)/4) — run through the real gate (<see cref="RegressionAnalysis"/>): A/A pairs (two runs of the same system) and pairs
/// where the second system is worse by a stated shift.
/// </summary>
/// <remarks>
/// Each case has its own difficulty, as real datasets do: a pass probability drawn from Beta(2, 0.8) (mean 0.71) and a latent quality
/// drawn uniformly from 1 to 5; a run passes the case with that probability and rates it round(quality + N(0, 0.6)), clamped to 1–5.
/// The shifted system passes each case with probability p − 0.10 (at least 0) and rates it 0.5 lower.
/// </remarks>
internal static class GateSimulation
{
    public const int Cases = 100;
    public const double PassShift = 0.10;
    public const double RatingShift = 0.5;

    /// <summary>Counts over the runs. Alarms are regressed-or-improved verdicts (Holm-adjusted, as the gate decides); raw counts are unadjusted p &lt; α per test.</summary>
    public sealed record Outcome(int Runs, int SuiteAlarms, int ResolvedAlarms, int RatingAlarms, int ResolvedRaw, int RatingRaw, int ResolvedExactRaw,
        int SuiteRegressed, int ResolvedRegressed, int RatingRegressed)
    {
        /// <summary>How often the conventional exact McNemar test (statsmodels' default) would have said p &lt; α on <c>resolved</c>.</summary>
        public double ResolvedExactRawRate => (double)ResolvedExactRaw / Runs;

        public double SuiteAlarmRate => (double)SuiteAlarms / Runs;

        public double ResolvedAlarmRate => (double)ResolvedAlarms / Runs;

        public double RatingAlarmRate => (double)RatingAlarms / Runs;

        public double ResolvedRawRate => (double)ResolvedRaw / Runs;

        public double RatingRawRate => (double)RatingRaw / Runs;

        public double SuitePower => (double)SuiteRegressed / Runs;

        public double ResolvedPower => (double)ResolvedRegressed / Runs;

        public double RatingPower => (double)RatingRegressed / Runs;
    }

    /// <summary>Runs <paramref name="runs"/> comparisons; <paramref name="shifted"/> makes the second system worse.</summary>
    /// <param name="resamples">Bootstrap resamples; the interval does not enter a regressed/improved decision, so few suffice for counting alarms.</param>
    public static Outcome Run(int runs, bool shifted, int seed, int resamples = 1, double alpha = 0.05)
    {
        var random = new Random(seed);
        var options = new RegressionOptions { Alpha = alpha, Margin = 0, MinSamples = 10, Resamples = resamples };
        int suite = 0, resolved = 0, rating = 0, resolvedRaw = 0, ratingRaw = 0, resolvedExact = 0, suiteDown = 0, resolvedDown = 0, ratingDown = 0;
        for (var r = 0; r < runs; r++)
        {
            var passProbability = new double[Cases];
            var quality = new double[Cases];
            for (var i = 0; i < Cases; i++)
            {
                passProbability[i] = Beta.Sample(random, 2, 0.8);
                quality[i] = 1 + (4 * random.NextDouble());
            }

            var baseline = Draw(random, passProbability, quality, 0, 0);
            var current = shifted ? Draw(random, passProbability, quality, PassShift, RatingShift) : Draw(random, passProbability, quality, 0, 0);
            var report = RegressionAnalysis.Compare(baseline, current, options);
            var resolvedComparison = report.Metrics.Single(m => m.Metric == "resolved");
            var ratingComparison = report.Metrics.Single(m => m.Metric == "rating");
            var resolvedVerdict = resolvedComparison.Verdict;
            var ratingVerdict = ratingComparison.Verdict;
            resolvedRaw += resolvedComparison.PValue < alpha ? 1 : 0;
            ratingRaw += ratingComparison.PValue < alpha ? 1 : 0;
            resolvedExact += HypothesisTests.McNemar(resolvedComparison.Worse.Count, resolvedComparison.Better.Count).PValue < alpha ? 1 : 0;
            resolved += Alarm(resolvedVerdict) ? 1 : 0;
            rating += Alarm(ratingVerdict) ? 1 : 0;
            suite += Alarm(resolvedVerdict) || Alarm(ratingVerdict) ? 1 : 0;
            resolvedDown += resolvedVerdict == ComparisonVerdict.Regressed ? 1 : 0;
            ratingDown += ratingVerdict == ComparisonVerdict.Regressed ? 1 : 0;
            suiteDown += report.Verdict == ComparisonVerdict.Regressed ? 1 : 0;
        }

        return new Outcome(runs, suite, resolved, rating, resolvedRaw, ratingRaw, resolvedExact, suiteDown, resolvedDown, ratingDown);
    }

    // A false alarm in an A/A comparison is any claimed difference: regressed or improved.
    private static bool Alarm(ComparisonVerdict verdict) => verdict is ComparisonVerdict.Regressed or ComparisonVerdict.Improved;

    private static Baseline Draw(Random random, double[] passProbability, double[] quality, double passShift, double ratingShift)
    {
        var cases = new BaselineCase[Cases];
        for (var i = 0; i < Cases; i++)
        {
            var passed = random.NextDouble() < Math.Max(0, passProbability[i] - passShift);
            var rating = Math.Clamp(Math.Round(quality[i] - ratingShift + Normal.Sample(random, 0, 0.6), MidpointRounding.ToEven), 1, 5);
            var ratingVerdict = rating >= 3 ? Verdict.Pass : Verdict.Fail;
            cases[i] = new BaselineCase("c" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
                passed && ratingVerdict == Verdict.Pass ? Verdict.Pass : Verdict.Fail,
                new Dictionary<string, BaselineMetric>
                {
                    ["resolved"] = new(passed ? 1 : 0, passed ? Verdict.Pass : Verdict.Fail),
                    ["rating"] = new((rating - 1) / 4, ratingVerdict),
                }, null, null);
        }

        return new Baseline { Suite = "simulated", Cases = cases };
    }
}
