namespace EvalHarness.Suites;

/// <summary>How a metric computes its score.</summary>
public enum MetricFamily
{
    /// <summary>Deterministic code over the output (string checks, similarity scores, measurements).</summary>
    Heuristic,

    /// <summary>An LLM judge scores the output; needs a <c>judge:</c> section.</summary>
    Judge,

    /// <summary>A metric registered in C# by the user.</summary>
    Custom,
}
