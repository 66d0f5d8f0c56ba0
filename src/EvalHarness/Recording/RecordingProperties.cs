namespace EvalHarness.Recording;

/// <summary>Keys of <c>AdditionalProperties</c> that a replayed response or update carries, so the runner reports recorded timing.</summary>
public static class RecordingProperties
{
    /// <summary>Present (true) on responses that came from a recording.</summary>
    public const string Replayed = "evalharness.replayed";

    /// <summary>The recorded wall-clock latency in milliseconds (double).</summary>
    public const string LatencyMs = "evalharness.latency_ms";

    /// <summary>The recorded time to first token in milliseconds (double), when the recorded call streamed.</summary>
    public const string TimeToFirstTokenMs = "evalharness.ttft_ms";
}
