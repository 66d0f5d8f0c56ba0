using Microsoft.Extensions.AI;

namespace EvalHarness.Resilience;

/// <summary>How a call went through <see cref="ResilientChatClient"/>: attempts, backoff and queueing, read back from a response's annotations.</summary>
/// <remarks>
/// A latency that excludes backoff is the wall-clock time of the call minus <see cref="OverheadMs"/> (measured with the same clock as
/// <see cref="ResilienceOptions.TimeProvider"/>), or <see cref="AttemptMs"/> when present.
/// </remarks>
public sealed record ResilienceReport
{
    /// <summary>A call that went through at once (or did not pass through a <see cref="ResilientChatClient"/>, for example a replay).</summary>
    public static ResilienceReport None { get; } = new();

    /// <summary>Attempts made, 1 when the first succeeded.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Attempts after the first.</summary>
    public int Retries => Math.Max(0, Attempts - 1);

    /// <summary>Milliseconds waited between attempts.</summary>
    public double BackoffMs { get; init; }

    /// <summary>Milliseconds before the answering attempt began, spent on failed attempts and backoff.</summary>
    public double RetryMs { get; init; }

    /// <summary>Milliseconds waited for an endpoint slot, a rate-limit window or a shared <c>Retry-After</c> pause.</summary>
    public double QueueMs { get; init; }

    /// <summary>Milliseconds the answering attempt took, or null (streams: the attempt is still running when the first update is annotated).</summary>
    public double? AttemptMs { get; init; }

    /// <summary>Time that is not the endpoint answering: <see cref="RetryMs"/> plus <see cref="QueueMs"/>.</summary>
    public double OverheadMs => RetryMs + QueueMs;

    /// <summary>Reads the report from a response's or update's <c>AdditionalProperties</c>; <see cref="None"/> when it carries none.</summary>
    public static ResilienceReport From(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null || !properties.TryGetValue(ResilienceProperties.Attempts, out var attempts) || attempts is not int count)
        {
            return None;
        }

        return new ResilienceReport
        {
            Attempts = count,
            BackoffMs = Number(properties, ResilienceProperties.BackoffMs) ?? 0,
            RetryMs = Number(properties, ResilienceProperties.RetryMs) ?? 0,
            QueueMs = Number(properties, ResilienceProperties.QueueMs) ?? 0,
            AttemptMs = Number(properties, ResilienceProperties.AttemptMs),
        };
    }

    internal void WriteTo(AdditionalPropertiesDictionary properties)
    {
        properties[ResilienceProperties.Attempts] = Attempts;
        properties[ResilienceProperties.BackoffMs] = BackoffMs;
        properties[ResilienceProperties.RetryMs] = RetryMs;
        properties[ResilienceProperties.QueueMs] = QueueMs;
        if (AttemptMs is { } attempt)
        {
            properties[ResilienceProperties.AttemptMs] = attempt;
        }
    }

    private static double? Number(AdditionalPropertiesDictionary properties, string key) =>
        properties.TryGetValue(key, out var value) && value is double number ? number : null;
}
