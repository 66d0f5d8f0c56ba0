namespace EvalHarness.Resilience;

/// <summary>
/// Keys of <c>AdditionalProperties</c> that <see cref="ResilientChatClient"/> puts on a response (or on a stream's first update), so
/// whoever measures the call can leave retries and queueing out of its latency. Read them with <see cref="ResilienceReport.From"/>.
/// </summary>
/// <remarks>Never sent to a provider and never recorded: they describe how this call went, not what was asked.</remarks>
public static class ResilienceProperties
{
    /// <summary>How many attempts the call took, 1 when the first succeeded (int).</summary>
    public const string Attempts = "evalharness.attempts";

    /// <summary>Milliseconds spent waiting between attempts (the backoff or <c>Retry-After</c> waits only) (double).</summary>
    public const string BackoffMs = "evalharness.backoff_ms";

    /// <summary>Milliseconds from the call's start to the start of the attempt that answered, less queueing: failed attempts plus backoff (double).</summary>
    public const string RetryMs = "evalharness.retry_ms";

    /// <summary>Milliseconds spent waiting for an endpoint slot, a rate-limit window or a shared <c>Retry-After</c> pause (double).</summary>
    public const string QueueMs = "evalharness.queue_ms";

    /// <summary>Milliseconds the attempt that answered took; only on non-streaming responses (double).</summary>
    public const string AttemptMs = "evalharness.attempt_ms";
}
