namespace EvalHarness;

/// <summary>
/// A model endpoint failed: an HTTP error status, a reset connection, a malformed answer. Provider adapters (for example
/// <c>EvalHarness.OpenAI</c>) throw it so the runner can tell an unreachable endpoint (exit code 3) from a bad answer.
/// </summary>
/// <remarks>Messages never contain API keys or authorization headers.</remarks>
public class ModelCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, without secrets.</param>
    /// <param name="statusCode">The HTTP status, or null when no response arrived.</param>
    /// <param name="isTransient">Whether retrying may succeed (429, 5xx, timeouts, resets).</param>
    /// <param name="retryAfter">The server's <c>Retry-After</c>, when it sent one.</param>
    /// <param name="innerException">The underlying exception.</param>
    public ModelCallException(string message, int? statusCode = null, bool isTransient = false, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status, or null when no response arrived (connection refused or reset).</summary>
    public int? StatusCode { get; }

    /// <summary>Whether retrying may succeed.</summary>
    public bool IsTransient { get; }

    /// <summary>The server's requested wait before retrying, or null.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when the endpoint did not answer usefully at all: no response, or a 5xx/429 after retries. Such errors make the CLI exit with code 3.</summary>
    public bool IsInfrastructure => StatusCode is null or >= 500 or 429;
}
