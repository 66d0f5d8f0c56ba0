namespace EvalHarness;

/// <summary>Helpers over <see cref="Verdict"/>.</summary>
public static class VerdictExtensions
{
    /// <summary>The contract spelling of a verdict: <c>pass</c>, <c>fail</c>, <c>inconclusive</c> or <c>error</c>.</summary>
    public static string ToContractString(this Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        Verdict.Inconclusive => "inconclusive",
        _ => "error",
    };

    /// <summary>Combines verdicts the way a case does: any error wins, then any fail, then any inconclusive.</summary>
    public static Verdict Combine(IEnumerable<Verdict> verdicts)
    {
        var result = Verdict.Pass;
        foreach (var verdict in verdicts)
        {
            if (Rank(verdict) > Rank(result))
            {
                result = verdict;
            }
        }

        return result;
    }

    private static int Rank(Verdict verdict) => verdict switch
    {
        Verdict.Error => 3,
        Verdict.Fail => 2,
        Verdict.Inconclusive => 1,
        _ => 0,
    };
}
