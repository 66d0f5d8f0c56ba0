namespace EvalHarness.Running;

/// <summary>A suite's gate verdict: fail when any check fails, else inconclusive when any is undecided, else pass.</summary>
/// <param name="Verdict">The combined verdict.</param>
/// <param name="Checks">Every rule checked, in the order the gate lists them.</param>
public sealed record GateResult(Verdict Verdict, IReadOnlyList<GateCheck> Checks)
{
    /// <summary>Combines checks: any error, then any fail, then any inconclusive decides; no checks at all is a pass.</summary>
    public static GateResult From(IReadOnlyList<GateCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var verdict = checks.Any(c => c.Verdict == Verdict.Error) ? Verdict.Error
            : checks.Any(c => c.Verdict == Verdict.Fail) ? Verdict.Fail
            : checks.Any(c => c.Verdict == Verdict.Inconclusive) ? Verdict.Inconclusive
            : Verdict.Pass;
        return new GateResult(verdict, checks);
    }
}
