using System.Security.Cryptography;
using System.Text;
using EvalHarness.Suites;

namespace EvalHarness.Baselines;

/// <summary>
/// The "rubric" half of a suite's ruler: its metric definitions (names, thresholds, values, judge rubrics) and judge settings. Two runs
/// whose rubric hashes differ did not score by the same rules, so their scores are not directly comparable.
/// </summary>
internal static class Rubric
{
    /// <summary>
    /// The <c>sha256:</c> hash of the suite's <c>metrics:</c> and <c>judge:</c> settings (the judge's model and endpoint excluded) and of
    /// each judge metric's version and prompt text, so a changed shipped or overridden prompt is a different ruler too.
    /// </summary>
    public static string Hash(Suite suite)
    {
        var text = new StringBuilder(Text(suite.Definition));
        foreach (var judge in suite.Metrics.OfType<EvalHarness.Judging.IJudgeMetric>())
        {
            var provenance = judge.Provenance;
            text.Append("prompt{").Append(provenance.Metric).Append('@').Append(provenance.MetricVersion).Append('=').Append(provenance.PromptHash)
                .Append(provenance.RubricHash is null ? string.Empty : ";" + provenance.RubricHash).Append("}\n");
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Text(SuiteDefinition definition)
    {
        var text = new StringBuilder();
        foreach (var metric in definition.Metrics)
        {
            text.Append(metric.Name).Append('{');
            foreach (var parameter in metric.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(parameter.Key).Append('=');
                Append(text, parameter.Value);
                text.Append(';');
            }

            text.Append("}\n");
        }

        if (definition.Judge is { } judge)
        {
            text.Append("judge{");
            foreach (var setting in judge.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                text.Append(setting.Key).Append('=');
                Append(text, setting.Value);
                text.Append(';');
            }

            text.Append('}');
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, ConfigNode node)
    {
        switch (node.Kind)
        {
            case ConfigNodeKind.Scalar:
                text.Append(node.IsQuoted ? "'" : string.Empty).Append(node.Scalar!.Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("'", "\\'", StringComparison.Ordinal)).Append(node.IsQuoted ? "'" : string.Empty);
                break;
            case ConfigNodeKind.Sequence:
                text.Append('[');
                foreach (var item in node.Items)
                {
                    Append(text, item);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case ConfigNodeKind.Mapping:
                text.Append('{');
                foreach (var entry in node.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    text.Append(entry.Key).Append(':');
                    Append(text, entry.Value);
                    text.Append(',');
                }

                text.Append('}');
                break;
            default:
                text.Append("null");
                break;
        }
    }
}
