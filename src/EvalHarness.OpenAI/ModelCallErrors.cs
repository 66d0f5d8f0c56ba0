using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace EvalHarness.OpenAI;

/// <summary>Turns failures surfaced by the OpenAI SDK and the HTTP stack into <see cref="ModelCallException"/>.</summary>
internal static class ModelCallErrors
{
    private const int MaxBodyExcerpt = 300;

    /// <summary>True for failures of the endpoint; false for cancellation the caller asked for and for our own exception.</summary>
    public static bool ShouldTranslate(Exception exception, CancellationToken cancellationToken) =>
        exception is not ModelCallException
        && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    public static async ValueTask<ModelCallException> TranslateAsync(Exception exception, Uri endpoint, string model, string? secret, TimeSpan? networkTimeout)
    {
        var where = string.Create(CultureInfo.InvariantCulture, $"The model endpoint {endpoint} (model {model})");
        switch (exception)
        {
            case ClientResultException { Status: > 0 } http:
                return await FromStatusAsync(http, where, endpoint, model, secret).ConfigureAwait(false);
            case OperationCanceledException or TimeoutException:
            case ClientResultException { InnerException: OperationCanceledException or TimeoutException }:
                var limit = networkTimeout is { } t ? string.Create(CultureInfo.InvariantCulture, $" within {t.TotalSeconds:0.###} s") : string.Empty;
                return new ModelCallException(SecretRedactor.Redact($"{where} did not answer{limit} (network timeout).", secret))
                {
                    IsTransient = true,
                    Endpoint = endpoint,
                    ModelId = model,
                };
            case ClientResultException or HttpRequestException or IOException or System.Net.Sockets.SocketException:
                var cause = Innermost(exception);
                return new ModelCallException(
                    SecretRedactor.Redact($"{where} could not be reached or dropped the connection: {cause.Message}", secret),
                    exception)
                {
                    IsTransient = true,
                    Endpoint = endpoint,
                    ModelId = model,
                };
            default:
                return new ModelCallException(
                    SecretRedactor.Redact($"{where} returned a response that could not be read ({exception.GetType().Name}): {exception.Message}", secret),
                    exception)
                {
                    IsTransient = false,
                    Endpoint = endpoint,
                    ModelId = model,
                };
        }
    }

    private static async ValueTask<ModelCallException> FromStatusAsync(ClientResultException http, string where, Uri endpoint, string model, string? secret)
    {
        var response = http.GetRawResponse();
        var body = response is null ? null : await ReadBodyAsync(response).ConfigureAwait(false);
        var (providerMessage, errorCode) = ParseError(body);
        var retryAfter = response is null ? null : ParseRetryAfter(response.Headers, DateTimeOffset.UtcNow);
        var status = http.Status;
        var reason = string.IsNullOrEmpty(response?.ReasonPhrase) ? ((HttpStatusCode)status).ToString() : response.ReasonPhrase;

        var message = string.Create(CultureInfo.InvariantCulture, $"{where} answered HTTP {status} {reason}")
            + (errorCode is null ? string.Empty : $" [{errorCode}]")
            + (providerMessage is null ? "." : $": {WithFinalStop(providerMessage)}")
            + (retryAfter is { } wait ? string.Create(CultureInfo.InvariantCulture, $" Retry after {wait.TotalSeconds:0.###} s.") : string.Empty);

        // The SDK's exception is not attached: its message embeds the raw response body, which we have already redacted above.
        return new ModelCallException(SecretRedactor.Redact(message, secret))
        {
            StatusCode = status,
            IsTransient = status is 408 or 429 or 500 or 502 or 503 or 504,
            RetryAfter = retryAfter,
            ErrorCode = errorCode is null ? null : SecretRedactor.Redact(errorCode, secret),
            Endpoint = endpoint,
            ModelId = model,
        };
    }

    private static async ValueTask<string?> ReadBodyAsync(PipelineResponse response)
    {
        try
        {
            var content = await response.BufferContentAsync().ConfigureAwait(false);
            return content.ToString();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or HttpRequestException or ObjectDisposedException)
        {
            // The error body is optional detail: a status without it is still a complete diagnosis.
            return null;
        }
    }

    /// <summary>The provider's message and code from <c>{"error": {...}}</c>, <c>{"error": "..."}</c> or <c>{"message"|"detail": "..."}</c>; else an excerpt of the body.</summary>
    internal static (string? Message, string? Code) ParseError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var error = root.TryGetProperty("error", out var e) ? e : root;
                if (error.ValueKind == JsonValueKind.String)
                {
                    return (error.GetString(), null);
                }

                if (error.ValueKind == JsonValueKind.Object)
                {
                    var message = StringProperty(error, "message") ?? StringProperty(error, "detail");
                    var code = StringProperty(error, "code") ?? StringProperty(error, "type");
                    if (message is not null || code is not null)
                    {
                        return (message, code);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy, for example): fall through to an excerpt.
        }

        var excerpt = body.Trim();
        return (excerpt.Length <= MaxBodyExcerpt ? excerpt : excerpt[..MaxBodyExcerpt] + "…", null);
    }

    /// <summary>Reads <c>retry-after-ms</c> (milliseconds) or <c>Retry-After</c> (seconds or an HTTP date).</summary>
    internal static TimeSpan? ParseRetryAfter(PipelineResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (!headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date > now ? date - now : TimeSpan.Zero)
            : null;
    }

    private static string WithFinalStop(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' or '…' ? trimmed : trimmed + ".";
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
