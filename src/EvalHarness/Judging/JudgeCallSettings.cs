namespace EvalHarness.Judging;

/// <summary>The judge settings one metric calls with: the suite's <c>judge:</c> settings overridden by the metric's own.</summary>
internal sealed record JudgeCallSettings(string? Model, double Temperature, int Seed, int Samples, JudgeAggregate Aggregate, int? MaxTokens,
    JudgeOutputMode OutputMode, bool Streaming);
