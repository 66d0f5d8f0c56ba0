namespace EvalHarness.Judging;

/// <summary>A judge's scores (raw, on the metric's scale, by field) and its reasoning.</summary>
internal sealed record ScoredAnswer(IReadOnlyDictionary<string, double> Scores, string? Reasoning)
{
    /// <summary>The raw score: the one field's, or the mean of several (conversation: coherence and goal completion).</summary>
    public double Raw => Scores.Values.Average();
}
