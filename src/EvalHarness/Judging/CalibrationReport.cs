namespace EvalHarness.Judging;

/// <summary>How well a judge metric agrees with human labels over a run: counts, accuracy, Cohen's κ and, when thresholds are set, a verdict.</summary>
/// <remarks>
/// Only cases with a readable human label and a judge verdict of pass or fail are compared; cases the judge left inconclusive (not sampled,
/// straddling samples) or errored on are counted in <see cref="Unscored"/> and left out of both figures.
/// </remarks>
public sealed record CalibrationReport
{
    /// <summary>The metric's display name.</summary>
    public required string Metric { get; init; }

    /// <summary>Cases with a readable human label.</summary>
    public int Labelled { get; init; }

    /// <summary>Labelled cases the judge gave no pass or fail (inconclusive or error).</summary>
    public int Unscored { get; init; }

    /// <summary>Cases whose label could not be read (see <see cref="JudgeDetails.LabelError"/>).</summary>
    public int InvalidLabels { get; init; }

    /// <summary>Both passed.</summary>
    public int BothPass { get; init; }

    /// <summary>Both failed.</summary>
    public int BothFail { get; init; }

    /// <summary>The judge passed what the human failed.</summary>
    public int JudgePassHumanFail { get; init; }

    /// <summary>The judge failed what the human passed.</summary>
    public int JudgeFailHumanPass { get; init; }

    /// <summary>Cases compared: labelled and scored by the judge.</summary>
    public int Compared => BothPass + BothFail + JudgePassHumanFail + JudgeFailHumanPass;

    /// <summary>The share of compared cases where judge and human agree, or null when none were compared.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Cohen's κ = (p_o − p_e) / (1 − p_e), or null when nothing was compared or p_e = 1 (both gave one label to every case).</summary>
    public double? Kappa { get; init; }

    /// <summary>The required accuracy, or null.</summary>
    public double? MinAgreement { get; init; }

    /// <summary>The required κ, or null.</summary>
    public double? MinKappa { get; init; }

    /// <summary>Whether the report gates the run (a threshold is set).</summary>
    public bool Gates => MinAgreement is not null || MinKappa is not null;

    /// <summary>Pass when every threshold set is met (or none is set), fail when one is missed, inconclusive when a thresholded figure cannot be computed.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>One line: the figures and what they were held against.</summary>
    public required string Reason { get; init; }
}
