namespace EvalHarness.Judging;

/// <summary>A pairwise judge's verdict on one ordering: <c>A</c>, <c>B</c> or <c>tie</c>, and its reasoning.</summary>
internal sealed record PairwiseAnswer(string Winner, string? Reasoning);
