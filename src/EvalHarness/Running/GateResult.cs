namespace EvalHarness.Running;

/// <summary>A suite's gate verdict: fail when any check fails, else inconclusive when any is undecided, else pass.</summary>
/// <param name="Verdict">The combined verdict.</param>
/// <param name="Checks">Every rule checked, in the order the gate lists them.</param>
public sealed record GateResult(Verdict Verdict, IReadOnlyList<GateCheck> Checks);
