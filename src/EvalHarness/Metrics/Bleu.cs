using EvalHarness.Metrics.Text;

namespace EvalHarness.Metrics;

/// <summary>
/// BLEU exactly as nltk 3.8 computes it: <c>sentence_bleu</c> and <c>corpus_bleu</c> with weights (¼, ¼, ¼, ¼),
/// <c>SmoothingFunction().method1</c> (ε = 0.1) and the closest-reference brevity penalty.
/// </summary>
/// <remarks>
/// Texts are tokenised as Python's <c>str.split()</c> does (runs of white space; case kept). Per n-gram order the modified
/// precision clips each hypothesis n-gram count by its largest count in any one reference; its denominator is at least 1.
/// When no unigram matches the score is 0; otherwise a zero numerator becomes ε / denominator (method1), so an exact
/// one-word match scores 0.1^0.75 ≈ 0.1778.
/// </remarks>
public static class Bleu
{
    /// <summary>The count added to a zero n-gram match count by smoothing method 1.</summary>
    public const double Epsilon = 0.1;

    private const int MaxOrder = 4;

    /// <summary>Sentence BLEU of <paramref name="hypothesis"/> against one or more references (nltk <c>sentence_bleu</c>).</summary>
    /// <exception cref="ArgumentException">No reference is given.</exception>
    public static double Sentence(IReadOnlyList<string> references, string hypothesis)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(hypothesis);
        return Corpus([references], [hypothesis]);
    }

    /// <summary>Corpus BLEU (nltk <c>corpus_bleu</c>): n-gram matches and lengths are summed over all pairs before the precisions are taken (micro-average).</summary>
    /// <param name="references">For each hypothesis, its references (at least one each).</param>
    /// <param name="hypotheses">The hypotheses.</param>
    /// <exception cref="ArgumentException">The lists differ in length, or a hypothesis has no reference.</exception>
    public static double Corpus(IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string> hypotheses)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(hypotheses);
        if (references.Count != hypotheses.Count)
        {
            throw new ArgumentException("there must be one list of references per hypothesis", nameof(references));
        }

        Span<long> numerators = stackalloc long[MaxOrder + 1];
        Span<long> denominators = stackalloc long[MaxOrder + 1];
        long hypothesisLength = 0;
        long referenceLength = 0;
        var vocabulary = new TokenVocabulary();
        var hypothesisCounts = new NGramCounts();
        var referenceCounts = new NGramCounts();
        var referenceIds = new List<int[]>();
        var maxCounts = new Dictionary<(int, int, int, int), int>();
        for (var s = 0; s < hypotheses.Count; s++)
        {
            if (references[s].Count == 0)
            {
                throw new ArgumentException("hypothesis " + s + " has no reference", nameof(references));
            }

            var hypothesis = vocabulary.SplitIds(hypotheses[s]);
            referenceIds.Clear();
            foreach (var reference in references[s])
            {
                referenceIds.Add(vocabulary.SplitIds(reference));
            }

            for (var n = 1; n <= MaxOrder; n++)
            {
                var (numerator, denominator) = ModifiedPrecision(referenceIds, hypothesis, n, hypothesisCounts, referenceCounts, maxCounts);
                numerators[n] += numerator;
                denominators[n] += denominator;
            }

            hypothesisLength += hypothesis.Length;
            referenceLength += ClosestReferenceLength(referenceIds, hypothesis.Length);
        }

        var brevityPenalty = BrevityPenalty(referenceLength, hypothesisLength);
        if (numerators[1] == 0)
        {
            return 0;
        }

        var sum = 0.0;
        for (var n = 1; n <= MaxOrder; n++)
        {
            var precision = numerators[n] == 0 ? (0 + Epsilon) / denominators[n] : (double)numerators[n] / denominators[n];
            sum += 0.25 * Math.Log(precision);
        }

        return brevityPenalty * Math.Exp(sum);
    }

    private static (long Numerator, long Denominator) ModifiedPrecision(List<int[]> references, int[] hypothesis, int n,
        NGramCounts hypothesisCounts, NGramCounts referenceCounts, Dictionary<(int, int, int, int), int> maxCounts)
    {
        hypothesisCounts.Count(hypothesis, n);
        if (hypothesisCounts.Total == 0)
        {
            return (0, 1);
        }

        // Clip each hypothesis n-gram by its largest count in any single reference (nltk's max_counts).
        maxCounts.Clear();
        foreach (var reference in references)
        {
            referenceCounts.Count(reference, n);
            foreach (var entry in hypothesisCounts.Entries)
            {
                maxCounts[entry.Key] = Math.Max(maxCounts.GetValueOrDefault(entry.Key), referenceCounts.Get(entry.Key));
            }
        }

        long numerator = 0;
        foreach (var entry in hypothesisCounts.Entries)
        {
            numerator += Math.Min(entry.Value, maxCounts[entry.Key]);
        }

        return (numerator, Math.Max(1, hypothesisCounts.Total));
    }

    private static int ClosestReferenceLength(List<int[]> references, int hypothesisLength)
    {
        var best = references[0].Length;
        foreach (var reference in references)
        {
            var length = reference.Length;
            var distance = Math.Abs(length - hypothesisLength);
            var bestDistance = Math.Abs(best - hypothesisLength);
            if (distance < bestDistance || (distance == bestDistance && length < best))
            {
                best = length;
            }
        }

        return best;
    }

    private static double BrevityPenalty(long closestReferenceLength, long hypothesisLength) =>
        hypothesisLength > closestReferenceLength ? 1
        : hypothesisLength == 0 ? 0
        : Math.Exp(1 - ((double)closestReferenceLength / hypothesisLength));
}
