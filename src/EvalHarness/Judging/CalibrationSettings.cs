namespace EvalHarness.Judging;

/// <summary>A judge metric's calibration: which case field holds a human's label, and the agreement the gate requires.</summary>
/// <param name="LabelField">The dataset field holding the human label (<c>human_label:</c>); cases without it are not compared.</param>
/// <param name="MinAgreement">The least accuracy (share of labelled cases where judge and human agree) that passes, or null.</param>
/// <param name="MinKappa">The least Cohen's κ that passes, or null.</param>
public sealed record CalibrationSettings(string LabelField, double? MinAgreement = null, double? MinKappa = null)
{
    /// <summary>Whether the calibration gates the run (a threshold is set) or is only reported.</summary>
    public bool Gates => MinAgreement is not null || MinKappa is not null;
}
