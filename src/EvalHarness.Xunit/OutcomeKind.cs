namespace EvalHarness.Xunit;

/// <summary>What a case or Gate test does with its result.</summary>
internal enum OutcomeKind
{
    /// <summary>The test passes.</summary>
    Pass,

    /// <summary>The test passes with a warning (an inconclusive case, or a failed case in a suite whose gate decides).</summary>
    Warn,

    /// <summary>The test is skipped (auto mode with no recording and no endpoint, or <c>skip</c> in the dataset).</summary>
    Skip,

    /// <summary>The test fails.</summary>
    Fail,
}
