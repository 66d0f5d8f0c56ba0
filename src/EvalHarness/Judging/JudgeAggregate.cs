namespace EvalHarness.Judging;

/// <summary>How the scores of several judge samples of one case combine into the metric's score.</summary>
public enum JudgeAggregate
{
    /// <summary>The arithmetic mean of the samples' scores.</summary>
    Mean,

    /// <summary>The median (the mean of the two middle scores for an even count).</summary>
    Median,

    /// <summary>The most frequent raw score; when several are equally frequent, the lowest of them (a tie never rounds up to a pass).</summary>
    Majority,
}
