namespace EvalHarness.Metrics.Text;

/// <summary>Substring search, ordinal or over lower-cased copies (promptfoo's <c>toLowerCase().includes</c>), allocating nothing per character.</summary>
internal static class TextSearch
{
    public static bool Contains(string text, string value, bool ignoreCase)
    {
        if (!ignoreCase)
        {
            return text.Contains(value, StringComparison.Ordinal);
        }

        using var lowerText = JsText.ToLower(text);
        using var lowerValue = JsText.ToLower(value);
        return lowerText.ReadOnlySpan.IndexOf(lowerValue.ReadOnlySpan) >= 0;
    }

    /// <summary>Which of <paramref name="values"/> the text contains; lower-cases the text once for all values.</summary>
    public static bool[] ContainsEach(string text, IReadOnlyList<string> values, bool ignoreCase)
    {
        var found = new bool[values.Count];
        if (!ignoreCase)
        {
            for (var i = 0; i < values.Count; i++)
            {
                found[i] = text.Contains(values[i], StringComparison.Ordinal);
            }

            return found;
        }

        using var lowerText = JsText.ToLower(text);
        for (var i = 0; i < values.Count; i++)
        {
            using var lowerValue = JsText.ToLower(values[i]);
            found[i] = lowerText.ReadOnlySpan.IndexOf(lowerValue.ReadOnlySpan) >= 0;
        }

        return found;
    }
}
