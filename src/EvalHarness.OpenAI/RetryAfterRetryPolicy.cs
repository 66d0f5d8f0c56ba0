using System.ClientModel.Primitives;

namespace EvalHarness.OpenAI;

/// <summary>The SDK's retry policy, but waiting exactly as long as the endpoint's <c>retry-after-ms</c>/<c>Retry-After</c> asks when it says.</summary>
/// <remarks>The base policy never waits less than its own exponential backoff (0.8 s first), even when the server says 0.</remarks>
internal sealed class RetryAfterRetryPolicy(int maxRetries) : ClientRetryPolicy(maxRetries)
{
    protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount) =>
        message.Response is { } response && ModelCallErrors.ParseRetryAfter(response.Headers, DateTimeOffset.UtcNow) is { } wait
            ? wait
            : base.GetNextDelay(message, tryCount);
}
