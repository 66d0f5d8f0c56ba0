using System.Globalization;
using EvalHarness.Metrics;

namespace EvalHarness.Judging;

/// <summary>
/// Turns a case's judge samples into one result: the aggregate (mean, median or majority), the spread, and the verdict — which is
/// <see cref="Verdict.Inconclusive"/> when the samples straddle the threshold, since the judge then disagrees with itself about the case.
/// </summary>
internal static class SampleAggregation
{
    /// <param name="name">The metric's display name.</param>
    /// <param name="samples">Each sample's raw score (on <paramref name="scale"/>) and reasoning, in sample order.</param>
    /// <param name="aggregate">How samples combine.</param>
    /// <param name="threshold">The score (0..1) at or above which the metric passes.</param>
    /// <param name="scale">The judge's scale.</param>
    /// <param name="details">Details so far; the samples' are added.</param>
    public static MetricResult Combine(string name, IReadOnlyList<(double Raw, string? Reasoning)> samples, JudgeAggregate aggregate, double threshold,
        JudgeScale scale, Dictionary<string, string> details)
    {
        var raws = samples.Select(s => s.Raw).ToArray();
        var scores = raws.Select(scale.Normalise).ToArray();
        if (samples[0].Reasoning is { } reasoning)
        {
            details[JudgeDetails.Reasoning] = reasoning;
        }

        var said = samples[0].Reasoning is { Length: > 0 } text ? ": " + Shorten(text) : string.Empty;
        if (samples.Count == 1)
        {
            var passed = scores[0] >= threshold;
            return Result(name, scores[0], raws[0], scale, passed ? Verdict.Pass : Verdict.Fail,
                name + " " + F(scores[0]) + " (judge: " + F(raws[0]) + " on " + scale.Describe() + ")" + (passed ? " >= " : " < ") + "threshold " + F(threshold) + said,
                details);
        }

        var raw = aggregate switch
        {
            JudgeAggregate.Median => Median(raws),
            JudgeAggregate.Majority => raws.GroupBy(r => r).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key,
            _ => raws.Average(),
        };
        var score = scale.Normalise(raw);
        var above = scores.Count(s => s >= threshold);
        var mean = scores.Average();
        var sd = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (scores.Length - 1));
        var list = string.Join(",", raws.Select(F));
        var how = aggregate.ToString().ToLowerInvariant();
        details[JudgeDetails.Samples] = samples.Count.ToString(CultureInfo.InvariantCulture);
        details[JudgeDetails.Scores] = list;
        details[JudgeDetails.Aggregate] = how;
        details[JudgeDetails.Min] = F(scores.Min());
        details[JudgeDetails.Max] = F(scores.Max());
        details[JudgeDetails.StandardDeviation] = F(sd);
        var spread = " (" + samples.Count + " samples " + list + " on " + scale.Describe() + ", sd " + F(sd) + ")";
        if (above > 0 && above < samples.Count)
        {
            return Result(name, score, raw, scale, Verdict.Inconclusive,
                "the judge's samples straddle threshold " + F(threshold) + ": " + above + " of " + samples.Count + " at or above" + spread + "; " + how + " " + F(score) +
                " is not trusted either way", details);
        }

        var pass = above == samples.Count;
        return Result(name, score, raw, scale, pass ? Verdict.Pass : Verdict.Fail,
            name + " " + how + " " + F(score) + spread + (pass ? " >= " : " < ") + "threshold " + F(threshold) + said, details);
    }

    private static MetricResult Result(string name, double score, double raw, JudgeScale scale, Verdict verdict, string reason, Dictionary<string, string> details) =>
        new() { Name = name, Score = score, RawValue = raw, Scale = scale.Describe(), Verdict = verdict, Reason = reason, Details = details };

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 200 ? line[..197] + "..." : line;
    }

    private static string F(double value) => MetricParameters.Format(value);
}
