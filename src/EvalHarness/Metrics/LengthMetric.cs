using System.Globalization;
using EvalHarness.Metrics.Text;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>length</c>: the output's characters, words and/or lines lie within the given inclusive bounds.</summary>
/// <remarks>
/// Characters are user-perceived characters (extended grapheme clusters: "👍🏽" and "é" written with a combining accent are one each);
/// words are runs of non-white-space; lines are separated by <c>\n</c>, <c>\r\n</c>, <c>\r</c>, U+2028 or U+2029, a final line break does not
/// start a new line, and empty output has 0 lines. At least one bound is required and no minimum may exceed its maximum (load-time errors).
/// </remarks>
public sealed class LengthMetric : IMetric
{
    private static readonly string[] Keys = ["min_chars", "max_chars", "min_words", "max_words", "min_lines", "max_lines"];
    private readonly int?[] _bounds;

    /// <summary>Creates the metric.</summary>
    /// <exception cref="EvalConfigurationException">No bound is given, or a minimum exceeds its maximum.</exception>
    public LengthMetric(MetricSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Name = spec.DisplayName;
        _bounds = Keys.Select(k => spec.GetInt32(k)).ToArray();
        if (_bounds.All(b => b is null))
        {
            throw MetricConfiguration.Invalid(spec, null, "give at least one bound: " + string.Join(", ", Keys));
        }

        for (var i = 0; i < Keys.Length; i += 2)
        {
            if (_bounds[i] > _bounds[i + 1])
            {
                throw MetricConfiguration.Invalid(spec, Keys[i], Keys[i] + " (" + _bounds[i] + ") is greater than " + Keys[i + 1] + " (" + _bounds[i + 1] + ")");
            }
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The number of extended grapheme clusters in <paramref name="text"/>.</summary>
    public static int CountCharacters(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (!text.IsEmpty)
        {
            text = text[StringInfo.GetNextTextElementLength(text)..];
            count++;
        }

        return count;
    }

    /// <summary>The number of lines in <paramref name="text"/> (see the class remarks).</summary>
    public static int CountLines(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        var lines = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\u2028' or '\u2029' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                if (i < text.Length - 1)
                {
                    lines++;
                }
            }
        }

        return lines;
    }

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        int[] measured = [CountCharacters(output), PyText.CountTokens(output), CountLines(output)];
        string[] units = ["characters", "words", "lines"];
        var problems = new List<string>();
        var details = new Dictionary<string, string>();
        for (var i = 0; i < units.Length; i++)
        {
            details[units[i]] = measured[i].ToString(CultureInfo.InvariantCulture);
            if (_bounds[2 * i] is { } min && measured[i] < min)
            {
                problems.Add(measured[i] + " " + units[i] + " < min " + min);
            }

            if (_bounds[(2 * i) + 1] is { } max && measured[i] > max)
            {
                problems.Add(measured[i] + " " + units[i] + " > max " + max);
            }
        }

        var summary = measured[0] + " characters, " + measured[1] + " words, " + measured[2] + " lines";
        return MetricOutcome.Done(MetricOutcome.Check(Name, problems.Count == 0,
            problems.Count == 0 ? "output length within bounds (" + summary + ")" : "output length out of bounds: " + string.Join("; ", problems), details));
    }
}
