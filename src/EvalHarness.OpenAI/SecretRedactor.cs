using EvalHarness.Logging;

namespace EvalHarness.OpenAI;

/// <summary>Removes API keys from text that may end up in exception messages, reports or logs; the one implementation is <see cref="SecretRedaction"/>.</summary>
internal static class SecretRedactor
{
    /// <summary>Replaces <paramref name="secret"/>, every registered key and anything shaped like a key, bearer token or credential header with <c>***</c>.</summary>
    public static string Redact(string text, string? secret) => SecretRedaction.Redact(text, secret);

    /// <summary>The URL without user info, query or fragment (where keys are sometimes put, for example Azure's <c>api-key</c>).</summary>
    public static Uri StripCredentials(Uri url) => SecretRedaction.StripCredentials(url);
}
