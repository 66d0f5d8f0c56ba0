namespace EvalHarness.Recording;

/// <summary>How model calls are made: the value of <c>EVALHARNESS_MODE</c>.</summary>
public enum EvalMode
{
    /// <summary>Replay when a recording exists; else call the endpoint when one is configured; else skip the case with a reason.</summary>
    Auto,

    /// <summary>Only replay; a missing recording is the case's <see cref="Verdict.Error"/> (what CI uses).</summary>
    Replay,

    /// <summary>Call the endpoint and (re)write the recording.</summary>
    Record,

    /// <summary>Call the endpoint and write nothing.</summary>
    Live,
}
