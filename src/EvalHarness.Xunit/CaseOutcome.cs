using System.Globalization;
using System.Text;
using EvalHarness.Running;

namespace EvalHarness.Xunit;

/// <summary>How a case test reports its case: pass, warn, skip or fail, with the message a reader acts on.</summary>
/// <param name="Kind">What the test does.</param>
/// <param name="Message">The failure, warning or skip text; empty for a plain pass.</param>
internal sealed record CaseOutcome(OutcomeKind Kind, string Message)
{
    private const int ExcerptLength = 400;

    /// <summary>Decides the outcome of a case of <paramref name="suiteName"/>.</summary>
    /// <param name="suiteName">The suite's name, for the message.</param>
    /// <param name="hasGate">
    /// Whether the suite has a <c>gate:</c> section. A failed case then warns and its suite's Gate test decides; without a gate every
    /// failed case fails its test. An error always fails and an inconclusive case always warns.
    /// </param>
    /// <param name="result">The case's result.</param>
    public static CaseOutcome From(string suiteName, bool hasGate, CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ErrorKind is CaseErrorKind.Skipped or CaseErrorKind.Excluded)
        {
            return new CaseOutcome(OutcomeKind.Skip, result.Error ?? "skipped");
        }

        return result.Verdict switch
        {
            Verdict.Pass => new CaseOutcome(OutcomeKind.Pass, string.Empty),
            Verdict.Inconclusive => new CaseOutcome(OutcomeKind.Warn, Describe(suiteName, result,
                "INCONCLUSIVE: the evidence is not enough to say pass or fail; the case is not counted as a pass")),
            Verdict.Fail when hasGate => new CaseOutcome(OutcomeKind.Warn, Describe(suiteName, result,
                "FAIL, reported as a warning: the suite has a gate, so its Gate test decides whether the suite passes")),
            Verdict.Fail => new CaseOutcome(OutcomeKind.Fail, Describe(suiteName, result, "FAIL")),
            _ => new CaseOutcome(OutcomeKind.Fail, Describe(suiteName, result, "ERROR (" + KindText(result.ErrorKind) +
                "): the case could not be evaluated; an error is never a pass")),
        };
    }

    private static string Describe(string suiteName, CaseResult result, string headline)
    {
        var text = new StringBuilder();
        text.Append(suiteName).Append(" › ").Append(result.Id).Append(": ").Append(headline);
        if (result.Line > 0)
        {
            text.Append(" [dataset line ").Append(result.Line.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        text.Append('\n');
        if (result.Error is { } error)
        {
            text.Append("  ").Append(error).Append('\n');
        }

        foreach (var metric in result.Metrics)
        {
            text.Append("  ").Append(MetricLine(metric)).Append('\n');
        }

        AppendField(text, "input", result.Input);
        AppendField(text, "expected", result.Expected);
        AppendField(text, "output", result.Output);
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>One metric as <c>VERDICT name score x (scale): reason</c>; pass is lower case so the problems stand out.</summary>
    public static string MetricLine(MetricResult metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var line = new StringBuilder().Append(Label(metric.Verdict)).Append(metric.Name);
        if (metric.Score is { } score)
        {
            line.Append("  score ").Append(score.ToString("0.###", CultureInfo.InvariantCulture));
            if (metric.Scale is { } scale && metric.RawValue is { } raw && scale != "0..1" && scale != "boolean")
            {
                line.Append(" (").Append(raw.ToString("0.###", CultureInfo.InvariantCulture)).Append(' ').Append(scale).Append(')');
            }
        }

        if (metric.Reason.Length > 0)
        {
            line.Append(": ").Append(metric.Reason);
        }

        return line.ToString();
    }

    /// <summary>The verdict as a fixed-width column: <c>pass</c> in lower case, the others in capitals, then a space.</summary>
    public static string Label(Verdict verdict) =>
        (verdict == Verdict.Pass ? "pass" : verdict.ToContractString().ToUpperInvariant()).PadRight(12) + " ";

    private static void AppendField(StringBuilder text, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        var shown = value.Length > ExcerptLength ? value[..ExcerptLength] + "… (" + value.Length.ToString(CultureInfo.InvariantCulture) + " characters)" : value;
        text.Append(name).Append(':').Append(new string(' ', Math.Max(1, 9 - name.Length))).Append(shown.ReplaceLineEndings("\n" + new string(' ', 10))).Append('\n');
    }

    private static string KindText(CaseErrorKind kind) => kind switch
    {
        CaseErrorKind.InvalidInput => "invalid dataset row",
        CaseErrorKind.Target => "the system under test failed",
        CaseErrorKind.Infrastructure => "endpoint unreachable",
        CaseErrorKind.Timeout => "timeout",
        CaseErrorKind.Recording => "recording",
        _ => "a metric could not be evaluated",
    };
}
