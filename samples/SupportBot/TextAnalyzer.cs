using System.Collections.Frozen;
using System.Text;

namespace Acme.Support;

/// <summary>Turns text into index terms: lower-case words, no punctuation, no stop words, crude suffix stemming.</summary>
/// <remarks>Written by hand because no tokenizer package is reachable here; the same steps run on questions and articles,
/// so a crude stem is fine as long as it is consistent. The stop words include question phrasing ("how long", "how many")
/// that says nothing about the topic.</remarks>
internal static class TextAnalyzer
{
    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "about", "after", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
        "cant", "could", "did", "do", "does", "dont", "for", "from", "get", "got", "had", "has", "have", "how", "i",
        "if", "im", "in", "into", "is", "it", "its", "ive", "long", "many", "me", "much", "my", "of", "on", "or", "our", "please", "should",
        "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "us",
        "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The index terms of <paramref name="text"/>, in order, with repeats.</summary>
    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in text)
        {
            if (ch is '\'' or '\u2019')
            {
                continue; // "don't" is one word, "dont"
            }

            if (char.IsLetterOrDigit(ch))
            {
                word.Append(char.ToLowerInvariant(ch));
                continue;
            }

            Flush();
        }

        Flush();
        return terms;

        void Flush()
        {
            if (word.Length == 0)
            {
                return;
            }

            var w = word.ToString();
            word.Clear();
            if (!StopWords.Contains(w))
            {
                terms.Add(Stem(w));
            }
        }
    }

    /// <summary>Strips common English suffixes so that "refunds", "refunded" and "refunding" share one term.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || !word.All(char.IsLetter))
        {
            return word;
        }

        var w = word;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith("sses", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal)
            && !w.EndsWith("is", StringComparison.Ordinal))
        {
            w = w[..^1];
        }

        foreach (var suffix in (ReadOnlySpan<string>)["ation", "ing", "ion", "ed", "ly"])
        {
            if (w.EndsWith(suffix, StringComparison.Ordinal) && w.Length - suffix.Length >= 3)
            {
                w = w[..^suffix.Length];
                break;
            }
        }

        if (w.Length > 3 && w[^1] == 'e')
        {
            w = w[..^1];
        }

        // "cancell" (from "cancelled") and "cancel" meet; "ss" stays so that "pass" is not "pas".
        if (w.Length > 3 && w[^1] == w[^2] && w[^1] != 's' && !IsVowel(w[^1]))
        {
            w = w[..^1];
        }

        return w;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
