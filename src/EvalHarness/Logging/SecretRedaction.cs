using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace EvalHarness.Logging;

/// <summary>
/// Masks API keys and credentials in text that may end up in logs, exception messages, reports or artifacts: the values of known key
/// variables, <c>Bearer</c> tokens, <c>Authorization</c> header values, <c>sk-…</c>/<c>sk-proj-…</c> shaped keys and
/// <c>api-key</c>/<c>x-api-key</c>/<c>api_key</c> values.
/// </summary>
/// <remarks>
/// <para>
/// Known values are registered for the whole process (<see cref="RegisterSecret"/>, <see cref="RegisterVariables"/>): the clients that read
/// a key register it, and so does the <c>evalharness</c> command for <see cref="KeyVariables"/>. Registration only ever adds masks, so it is
/// safe from any thread. Values shorter than <see cref="MinimumSecretLength"/> characters are not registered: masking them would garble
/// ordinary words, and no real API key is that short.
/// </para>
/// <para>Every mask is <see cref="Mask"/>; redacting text that is already redacted leaves it unchanged.</para>
/// </remarks>
/// <example>
/// <code>
/// SecretRedaction.RegisterVariables(SecretRedaction.KeyVariables, Environment.GetEnvironmentVariable);
/// var safe = SecretRedaction.Redact("upstream said: Authorization: Bearer sk-proj-abc123def456"); // "upstream said: Authorization: Bearer ***"
/// </code>
/// </example>
public static partial class SecretRedaction
{
    /// <summary>What every secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>The shortest value <see cref="RegisterSecret"/> accepts.</summary>
    public const int MinimumSecretLength = 8;

    private static readonly ConcurrentDictionary<string, byte> Known = new(StringComparer.Ordinal);

    // Longest first, so a key that contains another registered key is masked whole; rebuilt on registration, read lock-free.
    private static volatile string[] ordered = [];

    /// <summary>The variables that hold keys whatever a suite says: <c>OPENAI_API_KEY</c> (the default <c>api_key_env</c>) and <c>EVALHARNESS_JUDGE_API_KEY</c>.</summary>
    public static IReadOnlyList<string> KeyVariables { get; } = ["OPENAI_API_KEY", "EVALHARNESS_JUDGE_API_KEY"];

    /// <summary>How many secret values are registered (for diagnostics; the values themselves are never exposed).</summary>
    public static int RegisteredCount => Known.Count;

    /// <summary>Masks <paramref name="value"/> wherever it appears from now on.</summary>
    /// <param name="value">A key or other secret; null, blank or shorter than <see cref="MinimumSecretLength"/> is ignored.</param>
    public static void RegisterSecret(string? value)
    {
        var secret = value?.Trim();
        if (secret is null || secret.Length < MinimumSecretLength || !Known.TryAdd(secret, 0))
        {
            return;
        }

        lock (Known)
        {
            ordered = [.. Known.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal)];
        }
    }

    /// <summary>Registers the values of the named variables (unset ones are skipped).</summary>
    /// <param name="names">Variable names, for example <see cref="KeyVariables"/> or a suite's <c>api_key_env</c>; nulls are skipped.</param>
    /// <param name="getEnvironmentVariable">The lookup; the process environment when null.</param>
    public static void RegisterVariables(IEnumerable<string?> names, Func<string, string?>? getEnvironmentVariable = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        foreach (var name in names)
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                RegisterSecret(env(name));
            }
        }
    }

    /// <summary>The text with every registered secret and every key-, token- or header-shaped credential masked.</summary>
    /// <param name="text">Any text; null gives null.</param>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text) => Redact(text, null);

    /// <summary>As <see cref="Redact(string)"/>, also masking <paramref name="secret"/> (a key known to the caller, whatever its length).</summary>
    /// <param name="text">Any text; null gives null.</param>
    /// <param name="secret">One more value to mask, or null.</param>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text, string? secret)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        foreach (var known in ordered)
        {
            text = text.Replace(known, Mask, StringComparison.Ordinal);
        }

        // Header and key-value forms first, so their values are masked whole; then bare bearer tokens and key-shaped strings.
        text = HeaderValue().Replace(text, "${name}${scheme}" + Mask);
        text = ApiKeyValue().Replace(text, "${name}" + Mask);
        text = BearerToken().Replace(text, "Bearer " + Mask);
        return KeyShaped().Replace(text, "sk-" + Mask);
    }

    /// <summary>The URL without user info, query or fragment (where keys are sometimes put, for example Azure's <c>api-key</c>).</summary>
    /// <param name="url">Any URL; a relative one is returned as it is.</param>
    public static Uri StripCredentials(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri ? new Uri(url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)) : url;
    }

    // "Authorization: Basic abc", "proxy-authorization=xyz", "\"Authorization\":\"Bearer abc\"": the scheme stays readable, the credential goes.
    [GeneratedRegex(@"(?<name>(?<![A-Za-z0-9])(?:proxy-)?authorization[""']?\s*[:=]\s*[""']?)(?<scheme>(?:bearer|basic|token|digest|negotiate)\s+)?[^\s""',;]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex HeaderValue();

    // "api-key: abc", "x-api-key=abc", "api_key\": \"abc", "OPENAI_API_KEY=abc" (not "api_key_env: NAME", which names a variable).
    [GeneratedRegex(@"(?<name>(?<![A-Za-z0-9])(?:x-)?api[-_]?key[""']?\s*[:=]\s*[""']?)[^\s""',;&]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ApiKeyValue();

    [GeneratedRegex(@"Bearer\s+[^\s""',;]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9])sk-[A-Za-z0-9_\-\*\.]{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShaped();
}
