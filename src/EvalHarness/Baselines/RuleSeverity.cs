namespace EvalHarness.Baselines;

/// <summary>What a gate rule does when it fires.</summary>
public enum RuleSeverity
{
    /// <summary>Reported (an annotation in CI); the run still passes.</summary>
    Warning,

    /// <summary>Fails the run (exit code 1).</summary>
    Critical,
}
