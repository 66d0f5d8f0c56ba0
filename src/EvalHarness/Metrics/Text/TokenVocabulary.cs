namespace EvalHarness.Metrics.Text;

/// <summary>Maps tokens (spans of a text) to small integers so n-grams and LCS compare numbers, not strings.</summary>
/// <remarks>Only the first occurrence of each distinct token allocates (one string per distinct word, never per character).</remarks>
internal sealed class TokenVocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<Range> _ranges = [];

    /// <summary>Whitespace tokens (<c>str.split()</c>) of <paramref name="text"/> as ids.</summary>
    public int[] SplitIds(ReadOnlySpan<char> text)
    {
        PyText.Split(text, _ranges);
        var ids = new int[_ranges.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Id(text[_ranges[i]]);
        }

        return ids;
    }

    /// <summary>The id of one token.</summary>
    public int Id(ReadOnlySpan<char> token)
    {
        var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(token, out var id))
        {
            id = _ids.Count;
            lookup[token] = id;
        }

        return id;
    }

    /// <summary>The id of one token given as a string.</summary>
    public int Id(string token)
    {
        if (!_ids.TryGetValue(token, out var id))
        {
            id = _ids.Count;
            _ids[token] = id;
        }

        return id;
    }
}
