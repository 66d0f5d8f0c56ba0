namespace EvalHarness.Suites;

/// <summary>The built-in metrics every suite file may name. One list serves the analyzer and the run-time loader.</summary>
public static class MetricCatalog
{
    private static readonly ParameterDescriptor Threshold =
        new("threshold", ParameterKind.Fraction, "minimum score (0..1) for the metric to pass", min: 0, max: 1);

    private static readonly ParameterDescriptor IgnoreCase =
        new("ignore_case", ParameterKind.Boolean, "compare without regard to letter case");

    private static readonly ParameterDescriptor[] NoParameters = new ParameterDescriptor[0];

    private static readonly ParameterDescriptor JsonSchemaValue =
        new("value", ParameterKind.Any, "a JSON Schema the JSON must also satisfy: a mapping, a JSON/YAML string, or file://path relative to the suite file");

    /// <summary>All built-in metric descriptors, in documentation order.</summary>
    public static IReadOnlyList<MetricDescriptor> BuiltIn { get; } = new[]
    {
        // Deterministic checks with promptfoo 0.123.1's names and semantics.
        new MetricDescriptor("equals", MetricFamily.Heuristic, "the output is exactly the value (a mapping or list value compares the output as JSON)",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.Any, NoParameters),
        new MetricDescriptor("contains", MetricFamily.Heuristic, "the output contains the value (case-sensitive)",
            ValueSource.ValueOrField, ParameterKind.String, NoParameters),
        new MetricDescriptor("icontains", MetricFamily.Heuristic, "the output contains the value, ignoring case",
            ValueSource.ValueOrField, ParameterKind.String, NoParameters),
        new MetricDescriptor("contains-any", MetricFamily.Heuristic, "the output contains at least one of the values (a list, or one comma-separated string)",
            ValueSource.ValueOrField, ParameterKind.StringList, NoParameters),
        new MetricDescriptor("contains-all", MetricFamily.Heuristic, "the output contains every value (a list, or one comma-separated string)",
            ValueSource.ValueOrField, ParameterKind.StringList, NoParameters),
        new MetricDescriptor("icontains-any", MetricFamily.Heuristic, "the output contains at least one of the values, ignoring case",
            ValueSource.ValueOrField, ParameterKind.StringList, NoParameters),
        new MetricDescriptor("icontains-all", MetricFamily.Heuristic, "the output contains every value, ignoring case",
            ValueSource.ValueOrField, ParameterKind.StringList, NoParameters),
        new MetricDescriptor("starts-with", MetricFamily.Heuristic, "the output begins with the value (case-sensitive)",
            ValueSource.ValueOrField, ParameterKind.String, NoParameters),
        new MetricDescriptor("regex", MetricFamily.Heuristic, "the output matches a .NET regular expression",
            ValueSource.ValueOrField, ParameterKind.Regex, new[] { IgnoreCase }),
        new MetricDescriptor("is-json", MetricFamily.Heuristic, "the whole output parses as JSON (and satisfies the JSON Schema in 'value', if given)",
            ValueSource.None, ParameterKind.Any, new[] { JsonSchemaValue }),
        new MetricDescriptor("contains-json", MetricFamily.Heuristic, "the output contains a JSON object (satisfying the JSON Schema in 'value', if given)",
            ValueSource.None, ParameterKind.Any, new[] { JsonSchemaValue }),
        new MetricDescriptor("word-count", MetricFamily.Heuristic, "the number of words equals the value or lies in { min, max }",
            ValueSource.ValueOrField, ParameterKind.NumberOrRange, NoParameters),
        new MetricDescriptor("levenshtein", MetricFamily.Heuristic, "the edit distance to the value is at most 'threshold' (default 5)",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.String, new[]
            {
                new ParameterDescriptor("threshold", ParameterKind.Number, "the largest edit distance that passes (UTF-16 units, as promptfoo)", min: 0),
            }, defaultThreshold: 5),
        new MetricDescriptor("rouge-n", MetricFamily.Heuristic, "promptfoo's ROUGE-1 F-measure against the value is at least 'threshold'",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.StringList, NoParameters, defaultThreshold: 0.75),
        new MetricDescriptor("bleu", MetricFamily.Heuristic, "promptfoo's BLEU against the reference(s) is at least 'threshold'",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.StringList, NoParameters, defaultThreshold: 0.5),
        new MetricDescriptor("is-refusal", MetricFamily.Heuristic, "the output reads as a refusal (promptfoo's phrase lists)",
            ValueSource.None, ParameterKind.Any, NoParameters),

        // Text-similarity scores with reference definitions.
        new MetricDescriptor("bleu-score", MetricFamily.Heuristic, "nltk 3.8 sentence BLEU (method1 smoothing) against the reference(s)",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.StringList, NoParameters, defaultThreshold: 0.5),
        new MetricDescriptor("token-f1", MetricFamily.Heuristic, "SQuAD v1.1 token F1 against the reference(s)",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.StringList, NoParameters, defaultThreshold: 0.5),
        new MetricDescriptor("exact-match", MetricFamily.Heuristic, "SQuAD v1.1 exact match after normalisation against the reference(s)",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.StringList, NoParameters),
        new MetricDescriptor("edit-similarity", MetricFamily.Heuristic, "1 - Levenshtein distance / longer length, over Unicode code points",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.StringList, NoParameters, defaultThreshold: 0.8),
        new MetricDescriptor("rouge-l", MetricFamily.Heuristic, "ROUGE-L F1 (longest common subsequence of white-space tokens)",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.StringList, NoParameters, defaultThreshold: 0.5),

        // Other checks.
        new MetricDescriptor("json-schema", MetricFamily.Heuristic, "the whole output is JSON that satisfies a JSON Schema",
            ValueSource.None, ParameterKind.Any, new[]
            {
                new ParameterDescriptor("schema", ParameterKind.Any, "the JSON Schema inline (a mapping, or a JSON/YAML string)"),
                new ParameterDescriptor("schema_file", ParameterKind.String, "a JSON or YAML schema file, relative to the suite file"),
            }),
        new MetricDescriptor("pii", MetricFamily.Heuristic, "the output contains no personal data (e-mail, phone, SSN, card, IBAN, IPv4)",
            ValueSource.None, ParameterKind.Any, new[]
            {
                new ParameterDescriptor("kinds", ParameterKind.StringList, "kinds to look for: email, phone, ssn, credit_card, iban, ipv4 (default: all)"),
            }),
        new MetricDescriptor("readability", MetricFamily.Heuristic, "Flesch reading ease / 100 is at least 'threshold'",
            ValueSource.None, ParameterKind.Any, NoParameters, defaultThreshold: 0.5),
        new MetricDescriptor("keyword-overlap", MetricFamily.Heuristic, "the fraction of the input's content words present in the output",
            ValueSource.None, ParameterKind.Any, new[]
            {
                new ParameterDescriptor("field", ParameterKind.String, "the case field whose content words to look for (default: the input)"),
            }, defaultThreshold: 0.5),
        new MetricDescriptor("length", MetricFamily.Heuristic, "the output's characters, words and lines are within bounds",
            ValueSource.None, ParameterKind.Any, new[]
            {
                new ParameterDescriptor("min_chars", ParameterKind.Integer, "fewest characters (grapheme clusters)", min: 0),
                new ParameterDescriptor("max_chars", ParameterKind.Integer, "most characters (grapheme clusters)", min: 0),
                new ParameterDescriptor("min_words", ParameterKind.Integer, "fewest white-space separated words", min: 0),
                new ParameterDescriptor("max_words", ParameterKind.Integer, "most white-space separated words", min: 0),
                new ParameterDescriptor("min_lines", ParameterKind.Integer, "fewest lines", min: 0),
                new ParameterDescriptor("max_lines", ParameterKind.Integer, "most lines", min: 0),
            }),
        new MetricDescriptor("latency", MetricFamily.Heuristic, "the system under test answered within max_ms milliseconds",
            ValueSource.None, ParameterKind.Any, new[]
            {
                new ParameterDescriptor("max_ms", ParameterKind.Number, "the slowest acceptable wall-clock latency in milliseconds", required: true, min: 0),
            }, negatable: false),
        new MetricDescriptor("cost", MetricFamily.Heuristic, "the system under test's call cost at most max_usd US dollars",
            ValueSource.None, ParameterKind.Any, new[]
            {
                new ParameterDescriptor("max_usd", ParameterKind.Number, "the most one case's call may cost, in US dollars", required: true, min: 0),
                new ParameterDescriptor("input_per_million", ParameterKind.Number, "price of a million input tokens in US dollars", min: 0),
                new ParameterDescriptor("output_per_million", ParameterKind.Number, "price of a million output tokens in US dollars", min: 0),
            }, negatable: false),
        new MetricDescriptor("tool-call", MetricFamily.Heuristic, "the response called the expected function(s) with at least the expected arguments",
            ValueSource.None, ParameterKind.Any, new[]
            {
                new ParameterDescriptor("name", ParameterKind.StringList, "the expected function name(s)"),
                new ParameterDescriptor("arguments", ParameterKind.Any, "arguments the call must include (a mapping; with a single name)"),
                new ParameterDescriptor("calls", ParameterKind.Any, "expected calls as a list of { name, arguments }"),
                new ParameterDescriptor("ordered", ParameterKind.Boolean, "the expected calls must be made in the given order"),
            }),
        new MetricDescriptor("custom", MetricFamily.Heuristic, "a metric registered in C# with MetricRegistry.Register, named by 'name'",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.Any, new[]
            {
                new ParameterDescriptor("name", ParameterKind.String, "the name the metric was registered under", required: true),
                new ParameterDescriptor("config", ParameterKind.Any, "free settings passed to the metric (read them with MetricSpec.Get(\"config\"))"),
            }),
    };

    /// <summary>Parameters every metric accepts besides its own.</summary>
    public static IReadOnlyList<ParameterDescriptor> CommonParameters { get; } = new[]
    {
        Threshold,
        new ParameterDescriptor("metric", ParameterKind.String, "a display name for this metric in reports (default: the metric's name)"),
    };

    /// <summary>Finds a built-in descriptor by its exact name (without a <c>not-</c> prefix).</summary>
    public static MetricDescriptor? Find(string name)
    {
        foreach (var descriptor in BuiltIn)
        {
            if (string.Equals(descriptor.Name, name, StringComparison.Ordinal))
            {
                return descriptor;
            }
        }

        return null;
    }
}
