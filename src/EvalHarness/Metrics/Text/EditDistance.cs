using System.Buffers;
using System.Text;

namespace EvalHarness.Metrics.Text;

/// <summary>Levenshtein distance (unit-cost insert, delete, substitute) over UTF-16 units or Unicode code points.</summary>
internal static class EditDistance
{
    /// <summary>Distance over UTF-16 code units, as JavaScript strings (and so promptfoo's <c>levenshtein</c>) count.</summary>
    public static int Utf16(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var row = ArrayPool<int>.Shared.Rent(b.Length + 1);
        try
        {
            return Compute(a, b, row);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(row);
        }
    }

    /// <summary>Distance over Unicode code points (a lone surrogate counts as one U+FFFD).</summary>
    /// <param name="a">The first text.</param>
    /// <param name="b">The second text.</param>
    /// <param name="lengthA">The number of code points in <paramref name="a"/>.</param>
    /// <param name="lengthB">The number of code points in <paramref name="b"/>.</param>
    public static int CodePoints(ReadOnlySpan<char> a, ReadOnlySpan<char> b, out int lengthA, out int lengthB)
    {
        var runesA = ArrayPool<int>.Shared.Rent(a.Length + 1);
        var runesB = ArrayPool<int>.Shared.Rent(b.Length + 1);
        var row = ArrayPool<int>.Shared.Rent(b.Length + 1);
        try
        {
            lengthA = Decode(a, runesA);
            lengthB = Decode(b, runesB);
            return Compute(runesA.AsSpan(0, lengthA), runesB.AsSpan(0, lengthB), row);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(runesA);
            ArrayPool<int>.Shared.Return(runesB);
            ArrayPool<int>.Shared.Return(row);
        }
    }

    private static int Decode(ReadOnlySpan<char> text, int[] into)
    {
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            into[count++] = rune.Value;
        }

        return count;
    }

    private static int Compute<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int[] row)
        where T : IEquatable<T>
    {
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                var cost = a[i - 1].Equals(b[j - 1]) ? 0 : 1;
                row[j] = Math.Min(Math.Min(row[j - 1] + 1, above + 1), diagonal + cost);
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    /// <summary>Length of the longest common subsequence of two id sequences.</summary>
    public static int LongestCommonSubsequence(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var row = ArrayPool<int>.Shared.Rent(b.Length + 1);
        try
        {
            Array.Clear(row, 0, b.Length + 1);
            for (var i = 1; i <= a.Length; i++)
            {
                var diagonal = 0;
                for (var j = 1; j <= b.Length; j++)
                {
                    var above = row[j];
                    row[j] = a[i - 1] == b[j - 1] ? diagonal + 1 : Math.Max(above, row[j - 1]);
                    diagonal = above;
                }
            }

            return row[b.Length];
        }
        finally
        {
            ArrayPool<int>.Shared.Return(row);
        }
    }

    /// <summary>Counts the Unicode code points of a text.</summary>
    public static int CountCodePoints(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (Rune _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
