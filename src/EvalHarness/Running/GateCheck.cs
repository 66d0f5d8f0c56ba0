namespace EvalHarness.Running;

/// <summary>One rule of a suite's gate and how the run fared against it.</summary>
/// <param name="Name">The rule, for example <c>min_pass_rate</c> or <c>all_cases_pass</c>.</param>
/// <param name="Verdict">Pass, fail, or inconclusive when the rule could not be decided.</param>
/// <param name="Reason">The figures behind the verdict, in one sentence.</param>
public sealed record GateCheck(string Name, Verdict Verdict, string Reason);
