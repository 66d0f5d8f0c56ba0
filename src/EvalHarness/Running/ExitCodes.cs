namespace EvalHarness.Running;

/// <summary>The exit codes of <c>evalharness</c>, a public contract that scripts rely on.</summary>
public static class ExitCodes
{
    /// <summary>Every suite's gate passed (inconclusive checks are reported, not failed).</summary>
    public const int Passed = 0;

    /// <summary>A gate failed: a regression, a threshold or a budget.</summary>
    public const int GateFailed = 1;

    /// <summary>Bad input or configuration; the output names file and line.</summary>
    public const int BadInput = 2;

    /// <summary>Infrastructure: an endpoint was unreachable after retries.</summary>
    public const int Infrastructure = 3;
}
