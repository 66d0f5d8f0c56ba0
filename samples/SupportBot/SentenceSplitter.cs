using System.Text.RegularExpressions;

namespace Acme.Support;

/// <summary>Splits a section's Markdown body into plain-text sentences the bot can quote.</summary>
internal static partial class SentenceSplitter
{
    public static List<string> Split(string markdown)
    {
        var sentences = new List<string>();
        foreach (var rawLine in markdown.Split('\n'))
        {
            var line = ListMarker().Replace(rawLine.Trim(), string.Empty).Replace("**", string.Empty, StringComparison.Ordinal)
                .Replace("`", string.Empty, StringComparison.Ordinal);
            if (line.Length == 0)
            {
                continue;
            }

            sentences.AddRange(SentenceEnd().Split(line).Select(s => s.Trim()).Where(s => s.Length > 0));
        }

        return sentences;
    }

    [GeneratedRegex(@"^(?:[-*+]|\d+\.)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex ListMarker();

    // A sentence ends at . ! or ? followed by space and a capital or digit, so "TLS 1.3" and "$4.99" stay whole.
    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z0-9""'(])", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
