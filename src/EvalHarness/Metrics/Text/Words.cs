using System.Buffers;
using System.Globalization;
using System.Text;

namespace EvalHarness.Metrics.Text;

/// <summary>Words as readers see them: maximal runs of letters, digits and combining marks, with apostrophes inside a word kept (<c>don't</c>).</summary>
internal static class Words
{
    public static List<Range> Find(ReadOnlySpan<char> text, List<Range>? into = null)
    {
        var words = into ?? [];
        words.Clear();
        var start = -1;
        var i = 0;
        while (i < text.Length)
        {
            var isWord = IsWordAt(text, i, out var width);
            var apostrophe = !isWord && start >= 0 && text[i] is '\'' or '’' && i + 1 < text.Length && IsWordAt(text, i + 1, out _);
            if (isWord || apostrophe)
            {
                start = start < 0 ? i : start;
            }
            else if (start >= 0)
            {
                words.Add(new Range(start, i));
                start = -1;
            }

            i += width;
        }

        if (start >= 0)
        {
            words.Add(new Range(start, text.Length));
        }

        return words;
    }

    public static bool IsWordAt(ReadOnlySpan<char> text, int index, out int width)
    {
        if (Rune.DecodeFromUtf16(text[index..], out var rune, out width) != OperationStatus.Done)
        {
            width = Math.Max(1, width);
            return false;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
    }
}
