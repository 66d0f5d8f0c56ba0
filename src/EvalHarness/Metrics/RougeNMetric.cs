using EvalHarness.Metrics.Text;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>rouge-n</c>: promptfoo's ROUGE-1 F-measure of the output against the value; passes at or above <c>threshold</c> (default 0.75).</summary>
/// <remarks>
/// As promptfoo 0.123.1: both texts are lower-cased and split with the Penn Treebank tokenizer (punctuation is a token), the
/// order is always 1 (unigrams) whatever the name suggests, overlaps are clipped counts, and F = 2PR / (P + R). With a list
/// of references, the best-scoring one counts. The <c>not-</c> form's score is 1 − score.
/// </remarks>
public sealed class RougeNMetric(MetricSpec spec) : IMetric
{
    private readonly ComparisonValue _value = ComparisonValue.From(spec);
    private readonly double _threshold = spec.Threshold(0.75);

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <summary>promptfoo's ROUGE-1 F-measure of <paramref name="candidate"/> against <paramref name="reference"/>.</summary>
    public static double Score(string candidate, string reference)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(reference);
        var candidateTokens = TreebankTokenizer.Tokenize(candidate.ToLowerInvariant());
        var referenceTokens = TreebankTokenizer.Tokenize(reference.ToLowerInvariant());
        if (candidateTokens.Count == 0 || referenceTokens.Count == 0)
        {
            return 0;
        }

        var referenceCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in referenceTokens)
        {
            referenceCounts[token] = referenceCounts.GetValueOrDefault(token) + 1;
        }

        var overlap = 0;
        foreach (var token in candidateTokens)
        {
            if (referenceCounts.TryGetValue(token, out var left) && left > 0)
            {
                referenceCounts[token] = left - 1;
                overlap++;
            }
        }

        if (overlap == 0)
        {
            return 0;
        }

        var precision = (double)overlap / candidateTokens.Count;
        var recall = (double)overlap / referenceTokens.Count;
        return FMeasure(precision, recall);
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

        var score = references.Max(r => Score(context.Output, r));
        return MetricOutcome.Done(MetricOutcome.Scored(Name, "ROUGE-1 F", score, _threshold));
    }

    // js-rouge's fMeasure for β = 1, in its own arithmetic (scaled by the smaller score) so results agree to the last bit.
    private static double FMeasure(double p, double r)
    {
        if (p == r)
        {
            return p;
        }

        return p > r ? Math.Min(p, r * (2 / (1 + (r / p)))) : Math.Min(r, p * (2 / (1 + (p / r))));
    }
}
