using System.Text.Json.Nodes;
using EvalHarness.Datasets;
using EvalHarness.Metrics.Text;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>keyword-overlap</c>: the fraction of the input's content words that the output contains; passes at or above <c>threshold</c> (default 0.5).</summary>
/// <remarks>
/// Content words are the distinct lower-cased words (letters/digits, inner apostrophes kept) of the case's input — or of the case field
/// named by <c>field</c> — that are longer than one character and not English stop words. A keyword counts when the output has the
/// same word (no stemming: "refunds" does not match "refund"). An input without content words, or a missing field, is an
/// <see cref="Verdict.Error"/>. Missing keywords are listed in <c>Details["missing"]</c>.
/// </remarks>
public sealed class KeywordOverlapMetric(MetricSpec spec) : IMetric
{
    private readonly string? _field = spec.GetString("field");
    private readonly double _threshold = spec.Threshold(0.5);

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <summary>The content words of <paramref name="text"/>, in order of first appearance.</summary>
    public static IReadOnlyList<string> ContentWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in LowerWords(text))
        {
            if (word.Length > 1 && !StopWords.English.Contains(word) && seen.Add(word))
            {
                result.Add(word);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        string source;
        if (_field is null)
        {
            source = context.Case.Input;
        }
        else if (JsonFieldPath.TrySelect(context.Case.Fields, _field, out var matches) && matches.Count > 0 && matches.All(m => m is not null))
        {
            source = string.Join(" ", matches.Select(m => m is JsonArray a ? string.Join(" ", a.Select(JsonFieldPath.AsText)) : JsonFieldPath.AsText(m)));
        }
        else
        {
            return MetricOutcome.Done(MetricResult.Error(Name, "field '" + _field + "' is missing from the case (" + context.Case.Source + ")"));
        }

        var keywords = ContentWords(source);
        if (keywords.Count == 0)
        {
            return MetricOutcome.Done(MetricResult.Error(Name, "the " + (_field is null ? "input" : "field '" + _field + "'") + " has no content words to look for (" + context.Case.Source + ")"));
        }

        var present = new HashSet<string>(LowerWords(context.Output), StringComparer.Ordinal);
        var missing = keywords.Where(k => !present.Contains(k)).ToArray();
        var score = (double)(keywords.Count - missing.Length) / keywords.Count;
        var details = new Dictionary<string, string>
        {
            ["keywords"] = string.Join(", ", keywords),
            ["missing"] = string.Join(", ", missing),
        };
        return MetricOutcome.Done(MetricOutcome.Scored(Name, (keywords.Count - missing.Length) + " of " + keywords.Count + " keywords present:", score, _threshold, details));
    }

    private static List<string> LowerWords(string text)
    {
        using var lower = JsText.ToLower(text);
        var span = lower.ReadOnlySpan;
        var words = new List<string>();
        foreach (var range in Words.Find(span))
        {
            words.Add(span[range].ToString().Replace('’', '\''));
        }

        return words;
    }
}
