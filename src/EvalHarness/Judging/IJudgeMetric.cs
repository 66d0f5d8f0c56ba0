namespace EvalHarness.Judging;

/// <summary>A metric scored by an LLM judge. Created from a suite before the run has a judge client; the run binds one with <see cref="WithJudge"/>.</summary>
/// <remarks>Without a judge, <see cref="IMetric.EvaluateAsync"/> returns <see cref="Verdict.Error"/> saying so: a missing judge never passes.</remarks>
public interface IJudgeMetric : IMetric
{
    /// <summary>The ruler: metric version, prompt and its hash, judge model.</summary>
    JudgeProvenance Provenance { get; }

    /// <summary>The metric's calibration against human labels, or null when it declares none.</summary>
    CalibrationSettings? Calibration { get; }

    /// <summary>The same metric, judged by <paramref name="judge"/>.</summary>
    IJudgeMetric WithJudge(JudgeConfiguration judge);
}
