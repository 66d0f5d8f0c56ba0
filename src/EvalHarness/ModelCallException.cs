namespace EvalHarness;

/// <summary>A call to the model endpoint failed: an HTTP error status, an unreachable or dropped connection, a timeout, or a response that could not be read.</summary>
/// <remarks>
/// <para>
/// Provider adapters (such as <c>EvalHarness.OpenAI</c>'s <c>OpenAIChatClient</c>) turn every failure of the endpoint into this exception, so a runner can catch one type and
/// record an Error verdict with <see cref="Exception.Message"/> as the reason; <see cref="IsTransient"/> and
/// <see cref="RetryAfter"/> tell a retry policy whether and when to try again. Cancellation requested by the caller's token
/// is not translated: it stays an <see cref="OperationCanceledException"/>.
/// </para>
/// <para>
/// The message names the endpoint (without user info or query string), the model and the provider's own error message,
/// with the API key and anything shaped like one (<c>sk-…</c>, <c>Bearer …</c>) redacted.
/// </para>
/// </remarks>
public sealed class ModelCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelCallException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModelCallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ModelCallException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the endpoint answered with, or null when no response arrived (connection failure, timeout).</summary>
    public int? StatusCode { get; init; }

    /// <summary>
    /// True when trying again may succeed: 408, 429, 500, 502, 503, 504, a dropped or refused connection, or a timeout.
    /// False for other statuses (bad request, authentication, unknown model) and for unreadable responses.
    /// </summary>
    public bool IsTransient { get; init; }

    /// <summary>How long the endpoint asked to wait (<c>retry-after-ms</c> or <c>Retry-After</c>, seconds or HTTP date), or null when it did not say.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The provider's error code or type (for example <c>rate_limit_exceeded</c>), or null.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The endpoint called, without user info or query string, or null when unknown.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The model the call asked for, or null when unknown.</summary>
    public string? ModelId { get; init; }

    /// <summary>
    /// True when the endpoint did not answer usefully at all — no response, a timeout, a 5xx or a 429 — as opposed to rejecting
    /// the request (4xx) or sending an unreadable answer. The runner marks such cases as infrastructure errors (exit code 3).
    /// </summary>
    public bool IsInfrastructure => IsTransient;
}
