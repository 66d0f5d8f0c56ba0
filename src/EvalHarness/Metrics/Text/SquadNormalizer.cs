using System.Buffers;
using System.Globalization;
using System.Text;

namespace EvalHarness.Metrics.Text;

/// <summary>
/// The SQuAD v1.1 evaluation script's <c>normalize_answer</c>: lower-case, remove ASCII punctuation
/// (Python's <c>string.punctuation</c>), replace the words a/an/the by a space, split on white space.
/// </summary>
internal static class SquadNormalizer
{
    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>The normalised tokens of <paramref name="text"/> as vocabulary ids.</summary>
    public static int[] TokenIds(string text, TokenVocabulary vocabulary)
    {
        using var buffer = Normalize(text);
        return vocabulary.SplitIds(buffer.ReadOnlySpan);
    }

    /// <summary>The normalised text with single spaces, as <c>normalize_answer</c> returns it.</summary>
    public static string NormalizeToString(string text)
    {
        using var buffer = Normalize(text);
        var tokens = PyText.Split(buffer.ReadOnlySpan);
        var builder = new StringBuilder(buffer.Length);
        foreach (var token in tokens)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(buffer.ReadOnlySpan[token]);
        }

        return builder.ToString();
    }

    private static PooledText Normalize(string text)
    {
        var buffer = JsText.ToLower(text);
        var span = buffer.Span;
        var length = 0;
        foreach (var c in span)
        {
            if (!AsciiPunctuation.Contains(c, StringComparison.Ordinal))
            {
                span[length++] = c;
            }
        }

        buffer.Shrink(length);
        BlankArticles(buffer.Span);
        return buffer;
    }

    // re.sub(r'\b(a|an|the)\b', ' ', text) replaces whole runs of word characters, so blanking such runs is equivalent once split.
    private static void BlankArticles(Span<char> text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordAt(text, i, out var width))
            {
                i += width;
                continue;
            }

            var start = i;
            while (i < text.Length && IsWordAt(text, i, out width))
            {
                i += width;
            }

            var run = text[start..i];
            if (run is "a" or "an" or "the")
            {
                run.Fill(' ');
            }
        }
    }

    // Python's \w for str patterns: str.isalnum() (letters and all numbers) or '_'.
    private static bool IsWordAt(ReadOnlySpan<char> text, int index, out int width)
    {
        if (Rune.DecodeFromUtf16(text[index..], out var rune, out width) != OperationStatus.Done)
        {
            width = 1;
            return false;
        }

        if (rune.Value == '_')
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category <= UnicodeCategory.OtherLetter || category is >= UnicodeCategory.DecimalDigitNumber and <= UnicodeCategory.OtherNumber;
    }
}
