using Microsoft.Extensions.Logging;

namespace EvalHarness.Logging;

/// <summary>The <see cref="LogCategories.Resilience"/> messages (event ids 1100–1199).</summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Model call to {Endpoint} failed on attempt {Attempt} (status {StatusCode}); retrying in {DelayMs} ms: {Reason}")]
    public static partial void Retrying(ILogger logger, string endpoint, int attempt, int? statusCode, double delayMs, string reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Endpoint {Endpoint} is rate limited (status {StatusCode}): every call to it waits {DelayMs} ms as Retry-After asks")]
    public static partial void RateLimitPause(ILogger logger, string endpoint, int statusCode, double delayMs);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "Model call to {Endpoint} gave up after {Attempts} attempt(s) (status {StatusCode}): {Reason}")]
    public static partial void GaveUp(ILogger logger, string endpoint, int attempts, int? statusCode, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug,
        Message = "Model call to {Endpoint} waited {QueueMs} ms for the endpoint's concurrency and rate limits (attempt {Attempt})")]
    public static partial void Queued(ILogger logger, string endpoint, double queueMs, int attempt);
}
