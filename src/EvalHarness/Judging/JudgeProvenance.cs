namespace EvalHarness.Judging;

/// <summary>What a judge metric measures with: the ruler's identity, for results and baselines.</summary>
/// <remarks>Two runs with equal provenance asked the same judge the same question; any difference means a different ruler.</remarks>
public sealed record JudgeProvenance
{
    /// <summary>The metric's suite name, for example <c>relevance</c>.</summary>
    public required string Metric { get; init; }

    /// <summary><c>metric@version</c>.</summary>
    public required string MetricVersion { get; init; }

    /// <summary>The judge model, or null when the metric has no judge yet (created at load time, before the run binds one).</summary>
    public string? Model { get; init; }

    /// <summary><c>built-in:&lt;file&gt;</c> or the suite's prompt file.</summary>
    public required string Prompt { get; init; }

    /// <summary>The <c>sha256:</c> hash of the prompt text.</summary>
    public required string PromptHash { get; init; }

    /// <summary>The <c>sha256:</c> hash of a rubric's criteria (and given steps), or null for other metrics.</summary>
    public string? RubricHash { get; init; }
}
