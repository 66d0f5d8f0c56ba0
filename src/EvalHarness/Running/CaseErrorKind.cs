namespace EvalHarness.Running;

/// <summary>Why a case has no regular output: the cause behind an <see cref="Verdict.Error"/> or a skipped (<see cref="Verdict.Inconclusive"/>) case.</summary>
public enum CaseErrorKind
{
    /// <summary>The case ran normally.</summary>
    None,

    /// <summary>The dataset row is invalid (malformed line, missing mapped field, duplicate id, bad assertion).</summary>
    InvalidInput,

    /// <summary>The system under test threw or returned nothing.</summary>
    Target,

    /// <summary>The model endpoint was unreachable or kept failing (exit code 3).</summary>
    Infrastructure,

    /// <summary>The case exceeded the suite's <c>timeout_ms</c>.</summary>
    Timeout,

    /// <summary>A recording was missing (replay mode) or failed its integrity check.</summary>
    Recording,

    /// <summary>Skipped in auto mode: no recording and no endpoint configured.</summary>
    Skipped,

    /// <summary>Left out by the dataset itself (<c>skip:</c>, or <c>explicit: true</c> and not selected); not part of the gate.</summary>
    Excluded,
}
