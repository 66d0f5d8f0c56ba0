using System.Globalization;
using EvalHarness.Metrics.Text;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>readability</c>: Flesch reading ease of the output, scaled to 0..1; passes at or above <c>threshold</c> (default 0.5, i.e. reading ease 50).</summary>
/// <remarks>
/// Reading ease = 206.835 − 1.015 × words / sentences − 84.6 × syllables / words (the raw value, unclamped); the score is
/// reading ease / 100 clamped to 0..1. Words are runs of letters/digits (apostrophes inside kept); sentences end at runs of
/// <c>. ! ? … 。 ！ ？</c> followed by white space or the end, and trailing words without a final stop form one more sentence.
/// Syllables: vowel groups, minus a silent final "e", at least one per word. The formula is calibrated for English.
/// Output without words fails (there is nothing to read).
/// </remarks>
public sealed class ReadabilityMetric(MetricSpec spec) : IMetric
{
    private readonly double _threshold = spec.Threshold(0.5);

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <summary>The Flesch reading ease of <paramref name="text"/>, or null when it has no words.</summary>
    public static double? ReadingEase(string text, out int words, out int sentences, out int syllables)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var lower = JsText.ToLower(text);
        var span = lower.ReadOnlySpan;
        var ranges = Words.Find(span);
        words = ranges.Count;
        syllables = 0;
        foreach (var range in ranges)
        {
            syllables += Syllables.Count(span[range]);
        }

        sentences = CountSentences(span, ranges);
        return words == 0 ? null : 206.835 - (1.015 * words / sentences) - (84.6 * syllables / words);
    }

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ReadingEase(context.Output, out var words, out var sentences, out var syllables) is not { } ease)
        {
            return MetricOutcome.Done(MetricResult.FromCheck(Name, false, "output has no words to read") with { RawValue = null, Scale = "flesch" });
        }

        var score = Math.Clamp(ease / 100, 0, 1);
        var details = new Dictionary<string, string>
        {
            ["words"] = words.ToString(CultureInfo.InvariantCulture),
            ["sentences"] = sentences.ToString(CultureInfo.InvariantCulture),
            ["syllables"] = syllables.ToString(CultureInfo.InvariantCulture),
            ["reading_ease"] = MetricParameters.Format(ease),
        };
        return MetricOutcome.Done(MetricOutcome.Scored(Name, "reading ease " + MetricParameters.Format(ease) + " →", score, _threshold, details) with
        {
            RawValue = ease,
            Scale = "flesch",
        });
    }

    private static int CountSentences(ReadOnlySpan<char> text, List<Range> words)
    {
        var sentences = 0;
        var lastEnd = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsTerminator(text[i]))
            {
                continue;
            }

            var end = i;
            while (end + 1 < text.Length && IsTerminator(text[end + 1]))
            {
                end++;
            }

            if (end + 1 == text.Length || char.IsWhiteSpace(text[end + 1]))
            {
                sentences++;
                lastEnd = end;
            }

            i = end;
        }

        var trailing = words.Count > 0 && words[^1].Start.Value > lastEnd;
        return Math.Max(1, sentences + (trailing ? 1 : 0));
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '…' or '。' or '！' or '？';
}
