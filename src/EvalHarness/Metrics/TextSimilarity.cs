using EvalHarness.Metrics.Text;

namespace EvalHarness.Metrics;

/// <summary>The reference text-similarity scores behind <c>token-f1</c>, <c>exact-match</c>, <c>edit-similarity</c> and <c>rouge-l</c>, for use from C#.</summary>
/// <remarks>Every score is on 0..1, 1 meaning identical under the score's definition. None throws for any text.</remarks>
public static class TextSimilarity
{
    /// <summary>SQuAD v1.1 <c>normalize_answer</c>: lower-case, drop ASCII punctuation and the articles a/an/the, collapse white space.</summary>
    public static string NormalizeAnswer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SquadNormalizer.NormalizeToString(text);
    }

    /// <summary>SQuAD v1.1 token F1 of <paramref name="prediction"/> against <paramref name="reference"/> after <see cref="NormalizeAnswer"/>.</summary>
    /// <remarks>0 when no token is shared, including when either side normalises to nothing (as the v1.1 script does).</remarks>
    public static double TokenF1(string prediction, string reference)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(reference);
        var vocabulary = new TokenVocabulary();
        var predicted = SquadNormalizer.TokenIds(prediction, vocabulary);
        var expected = SquadNormalizer.TokenIds(reference, vocabulary);
        var common = CommonCount(predicted, expected);
        if (common == 0)
        {
            return 0;
        }

        var precision = 1.0 * common / predicted.Length;
        var recall = 1.0 * common / expected.Length;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>SQuAD v1.1 exact match: the normalised texts are equal (so two texts that normalise to nothing match).</summary>
    public static bool ExactMatch(string prediction, string reference)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(reference);
        var vocabulary = new TokenVocabulary();
        return SquadNormalizer.TokenIds(prediction, vocabulary).AsSpan().SequenceEqual(SquadNormalizer.TokenIds(reference, vocabulary));
    }

    /// <summary>Levenshtein distance between two texts counted in Unicode code points (an emoji is one, not two).</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Text.EditDistance.CodePoints(a, b, out _, out _);
    }

    /// <summary>1 − d / max(len) with d the code-point Levenshtein distance and len the code-point lengths; 1 when both are empty.</summary>
    public static double EditSimilarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var distance = Text.EditDistance.CodePoints(a, b, out var lengthA, out var lengthB);
        var longest = Math.Max(lengthA, lengthB);
        return longest == 0 ? 1 : 1 - ((double)distance / longest);
    }

    /// <summary>ROUGE-L F1 (β = 1) over white-space tokens (case kept): LCS / len as precision and recall, 2PR / (P + R).</summary>
    /// <remarks>0 when either text has no token.</remarks>
    public static double RougeL(string candidate, string reference)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(reference);
        var vocabulary = new TokenVocabulary();
        var candidateIds = vocabulary.SplitIds(candidate);
        var referenceIds = vocabulary.SplitIds(reference);
        if (candidateIds.Length == 0 || referenceIds.Length == 0)
        {
            return 0;
        }

        var lcs = Text.EditDistance.LongestCommonSubsequence(candidateIds, referenceIds);
        var precision = (double)lcs / candidateIds.Length;
        var recall = (double)lcs / referenceIds.Length;
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    }

    private static int CommonCount(int[] a, int[] b)
    {
        // Counter(a) & Counter(b): per token the smaller of the two counts.
        var counts = new Dictionary<int, int>();
        foreach (var id in b)
        {
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        var common = 0;
        foreach (var id in a)
        {
            if (counts.TryGetValue(id, out var left) && left > 0)
            {
                counts[id] = left - 1;
                common++;
            }
        }

        return common;
    }
}
