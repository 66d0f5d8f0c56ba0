using EvalHarness.Metrics.Text;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>bleu</c>: promptfoo's BLEU of the output against one or more references; passes at or above <c>threshold</c> (default 0.5).</summary>
/// <remarks>
/// This is promptfoo 0.123.1's BLEU, not nltk's (use <c>bleu-score</c> for that): texts are lower-cased and split on white space;
/// orders with no hypothesis n-gram are left out and the remaining weights rescaled to sum to 1; a zero precision counts as 1e-7;
/// each order takes the best reference's clipped matches; the brevity penalty uses the closest reference length (ties: shorter).
/// A blank output scores 0. The <c>not-</c> form's score is 1 − score.
/// </remarks>
public sealed class BleuMetric(MetricSpec spec) : IMetric
{
    private readonly ComparisonValue _value = ComparisonValue.From(spec);
    private readonly double _threshold = spec.Threshold(0.5);

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <summary>promptfoo's BLEU score of <paramref name="candidate"/> against <paramref name="references"/>.</summary>
    /// <exception cref="ArgumentException">No reference is given.</exception>
    public static double Score(string candidate, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(references);
        if (references.Count == 0)
        {
            throw new ArgumentException("at least one reference is needed", nameof(references));
        }

        if (JsText.Trim(candidate).IsEmpty)
        {
            return 0;
        }

        var vocabulary = new TokenVocabulary();
        var words = Tokenize(candidate, vocabulary);
        var referenceWords = references.Select(r => Tokenize(r, vocabulary)).ToArray();
        var closest = referenceWords[0].Length;
        foreach (var reference in referenceWords)
        {
            var distance = Math.Abs(reference.Length - words.Length);
            var best = Math.Abs(closest - words.Length);
            if (distance < best || (distance == best && reference.Length < closest))
            {
                closest = reference.Length;
            }
        }

        var candidateCounts = new NGramCounts();
        var referenceCounts = new NGramCounts();
        Span<double> precisions = stackalloc double[4];
        var usable = 0;
        for (var n = 1; n <= 4; n++)
        {
            candidateCounts.Count(words, n);
            if (candidateCounts.Total == 0)
            {
                continue;
            }

            var maxClipped = 0;
            foreach (var reference in referenceWords)
            {
                referenceCounts.Count(reference, n);
                var clipped = 0;
                foreach (var (gram, count) in candidateCounts.Entries)
                {
                    clipped += Math.Min(count, referenceCounts.Get(gram));
                }

                maxClipped = Math.Max(maxClipped, clipped);
            }

            precisions[usable++] = (double)maxClipped / candidateCounts.Total;
        }

        var penalty = words.Length > closest ? 1 : Math.Exp(1 - ((double)closest / words.Length));
        var weightSum = 0.0;
        for (var i = 0; i < usable; i++)
        {
            weightSum += 0.25;
        }

        var logSum = 0.0;
        for (var i = 0; i < usable; i++)
        {
            logSum += 0.25 / weightSum * Math.Log(precisions[i] == 0 ? 1e-7 : precisions[i]);
        }

        return penalty * Math.Exp(logSum);
    }

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_value.TryResolve(context.Case, out var references, out var error))
        {
            return MetricOutcome.Done(MetricResult.Error(Name, error!));
        }

        if (references.Count == 0)
        {
            return MetricOutcome.Done(MetricResult.Error(Name, "no reference text in " + _value.Describe() + " (" + context.Case.Source + ")"));
        }

        return MetricOutcome.Done(MetricOutcome.Scored(Name, "BLEU", Score(context.Output, references), _threshold));
    }

    // text.toLowerCase().trim().split(/\s+/): a blank text is one empty token.
    private static int[] Tokenize(string text, TokenVocabulary vocabulary)
    {
        using var lower = JsText.ToLower(text);
        var trimmed = JsText.Trim(lower.ReadOnlySpan);
        var ids = new List<int>();
        var start = 0;
        for (var i = 0; i <= trimmed.Length; i++)
        {
            if (i < trimmed.Length && !JsText.IsWhiteSpace(trimmed[i]))
            {
                continue;
            }

            // The text is trimmed, so every run of white space ends a non-empty token (a blank text yields the one empty token).
            if (i > start || trimmed.IsEmpty)
            {
                ids.Add(vocabulary.Id(trimmed[start..i]));
            }

            start = i + 1;
        }

        return [.. ids];
    }
}
