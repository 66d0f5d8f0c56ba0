namespace EvalHarness.Metrics.Text;

/// <summary>Python 3's string semantics, for scores defined by Python reference code (nltk BLEU, SQuAD evaluation).</summary>
internal static class PyText
{
    /// <summary>Python's <c>str.isspace</c> for one UTF-16 unit: .NET's white space plus the separators U+001C..U+001F.</summary>
    public static bool IsWhiteSpace(char c) => char.IsWhiteSpace(c) || (c >= '\u001C' && c <= '\u001F');

    /// <summary>The token ranges of <c>str.split()</c> (runs of non-white-space).</summary>
    public static List<Range> Split(ReadOnlySpan<char> text, List<Range>? into = null)
    {
        var tokens = into ?? [];
        tokens.Clear();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsWhiteSpace(text[i]))
            {
                if (start >= 0)
                {
                    tokens.Add(new Range(start, i));
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            tokens.Add(new Range(start, text.Length));
        }

        return tokens;
    }

    /// <summary>Counts the tokens of <c>str.split()</c>.</summary>
    public static int CountTokens(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inToken = false;
        foreach (var c in text)
        {
            var space = IsWhiteSpace(c);
            if (!space && !inToken)
            {
                count++;
            }

            inToken = !space;
        }

        return count;
    }
}
