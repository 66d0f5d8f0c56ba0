using System.Text.RegularExpressions;
using EvalHarness.Suites;

namespace EvalHarness.Datasets;

/// <summary>
/// promptfoo's CSV assertion columns: <c>__expected</c>, <c>__expected1</c> … hold one assertion each, written
/// <c>contains: refund</c>, <c>not-contains: sorry</c>, <c>is-json</c> or <c>similar(0.8): text</c>; a cell with no
/// metric prefix means the output must equal the cell (metric <c>equals</c>).
/// </summary>
/// <remarks>
/// As in promptfoo, only known metric names count as a prefix, so <c>Answer: yes</c> is an expected answer. Names
/// promptfoo knows but this harness does not (<c>javascript:</c>, <c>llm-rubric:</c>…) are kept as metric names so the
/// parser reports them as unknown metrics instead of comparing the output with the code as text.
/// </remarks>
internal static class CsvExpectedColumn
{
    private static readonly HashSet<string> PromptfooNames = new(StringComparer.Ordinal)
    {
        "equals", "contains", "icontains", "contains-all", "contains-any", "icontains-all", "icontains-any", "starts-with",
        "regex", "is-json", "contains-json", "is-html", "contains-html", "is-sql", "contains-sql", "is-xml", "contains-xml",
        "is-refusal", "javascript", "python", "webhook", "rouge-n", "bleu", "gleu", "meteor", "levenshtein", "perplexity",
        "perplexity-score", "cost", "latency", "is-valid-function-call", "is-valid-openai-function-call",
        "is-valid-openai-tools-call", "llm-rubric", "g-eval", "model-graded-closedqa", "factuality", "model-graded-factuality",
        "answer-relevance", "context-faithfulness", "context-recall", "context-relevance", "similar", "classifier",
        "moderation", "select-best", "finish-reason", "guardrails", "fn", "eval", "grade",
    };

    private static readonly Regex ColumnNamePattern = new(@"^__expected[0-9]*$", RegexOptions.CultureInvariant);

    private static Regex ColumnName() => ColumnNamePattern;

    private static readonly Regex AssertionPattern = new(@"^(?<name>[a-z][a-z0-9-]*)(\((?<threshold>[0-9]+(\.[0-9]+)?)\))?(?<colon>:(?<value>[\s\S]*))?$", RegexOptions.CultureInvariant);

    private static Regex Assertion() => AssertionPattern;

    public static bool IsExpectedColumn(string name) => ColumnName().IsMatch(name);

    /// <summary>The metric entry a cell stands for, in the <c>{ type: name, value: … }</c> spelling.</summary>
    public static ConfigNode ToMetric(string cell, SourceLocation location, MetricSpecParser parser)
    {
        var entries = new List<KeyValuePair<string, ConfigNode>>();
        var match = Assertion().Match(cell);
        var name = match.Success ? match.Groups["name"].Value : string.Empty;
        if (match.Success && IsMetricName(name, parser))
        {
            entries.Add(Entry("type", name, location));
            if (match.Groups["threshold"].Success)
            {
                entries.Add(new KeyValuePair<string, ConfigNode>("threshold", ConfigNode.FromScalar(match.Groups["threshold"].Value, location)));
            }

            var value = match.Groups["value"].Value.Trim();
            if (match.Groups["colon"].Success && value.Length > 0)
            {
                entries.Add(new KeyValuePair<string, ConfigNode>("value", ConfigNode.FromScalar(value, location)));
            }
        }
        else
        {
            entries.Add(Entry("type", "equals", location));
            entries.Add(Entry("value", cell, location));
        }

        return ConfigNode.FromMapping(entries, location);
    }

    private static bool IsMetricName(string name, MetricSpecParser parser)
    {
        var bare = name.StartsWith("not-", StringComparison.Ordinal) ? name[4..] : name;
        return parser.KnownNames.Contains(name, StringComparer.Ordinal) || parser.KnownNames.Contains(bare, StringComparer.Ordinal) ||
            PromptfooNames.Contains(bare);
    }

    private static KeyValuePair<string, ConfigNode> Entry(string key, string value, SourceLocation location) =>
        new(key, ConfigNode.FromScalar(value, location, quoted: true));
}
