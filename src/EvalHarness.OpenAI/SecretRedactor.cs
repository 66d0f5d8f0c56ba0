using System.Text.RegularExpressions;

namespace EvalHarness.OpenAI;

/// <summary>Removes API keys from text that may end up in exception messages, reports or logs.</summary>
internal static partial class SecretRedactor
{
    private const string Mask = "***";

    /// <summary>Replaces <paramref name="secret"/> and anything shaped like a key or bearer token with <c>***</c>.</summary>
    public static string Redact(string text, string? secret)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        text = BearerToken().Replace(text, "Bearer " + Mask);
        return KeyShaped().Replace(text, "sk-" + Mask);
    }

    /// <summary>The URL without user info, query or fragment (where keys are sometimes put, for example Azure's <c>api-key</c>).</summary>
    public static Uri StripCredentials(Uri url) =>
        url.IsAbsoluteUri ? new Uri(url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)) : url;

    [GeneratedRegex(@"Bearer\s+[^\s""',;]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"sk-[A-Za-z0-9_\-\*\.]{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShaped();
}
