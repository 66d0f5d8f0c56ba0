using System.Text.RegularExpressions;

namespace EvalHarness.Tests.Logging;

/// <summary>The one check every secret-leak test makes of a text: no key, no 16-character key prefix, no unredacted credential after a header or Bearer.</summary>
internal static partial class SecretScan
{
    // The endpoint's own message may name the header; what must never appear is a credential after it.
    [GeneratedRegex(@"Authorization\s*[:=]\s*(?!(Bearer |Basic )?\*\*\*)\S", RegexOptions.IgnoreCase)]
    private static partial Regex UnredactedHeader();

    [GeneratedRegex(@"Bearer\s+(?!\*\*\*)\S")]
    private static partial Regex UnredactedBearer();

    /// <summary>Fails naming <paramref name="name"/> when <paramref name="text"/> leaks <paramref name="key"/> or any credential.</summary>
    public static void AssertClean(string name, string text, string key)
    {
        Assert.False(text.Contains(key, StringComparison.Ordinal), name + " contains the API key");
        Assert.False(text.Contains(key[..16], StringComparison.Ordinal), name + " contains a prefix of the API key");
        Assert.False(UnredactedHeader().IsMatch(text), name + " contains an Authorization value: " + UnredactedHeader().Match(text).Value);
        Assert.False(UnredactedBearer().IsMatch(text), name + " contains a bearer token: " + UnredactedBearer().Match(text).Value);
    }
}
