namespace EvalHarness;

/// <summary>The outcome of a metric, a case or a gate. Serialised in lower case (<c>pass</c>, <c>fail</c>, …).</summary>
public enum Verdict
{
    /// <summary>The check held.</summary>
    Pass,

    /// <summary>The check did not hold.</summary>
    Fail,

    /// <summary>The evidence is not enough to say pass or fail (for example a case that was skipped or not sampled).</summary>
    Inconclusive,

    /// <summary>The check could not be carried out (provider error, missing recording, bad parameter); never counted as a pass.</summary>
    Error,
}
