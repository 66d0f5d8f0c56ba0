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

    // Settings every LLM-judge metric accepts: per-metric overrides of the suite's judge: section, sampling and calibration.
    private static readonly ParameterDescriptor[] JudgeParameters = new[]
    {
        new ParameterDescriptor("prompt", ParameterKind.String, "a prompt file, relative to the suite file, used instead of the built-in prompt"),
        new ParameterDescriptor("model", ParameterKind.String, "the judge model for this metric (default: the judge section's)"),
        new ParameterDescriptor("temperature", ParameterKind.Number, "the judge's sampling temperature (default: the judge section's, else 0)", min: 0, max: 2),
        new ParameterDescriptor("seed", ParameterKind.Integer, "the judge's seed (default: the judge section's, else 42); sample i is sent with seed + i"),
        new ParameterDescriptor("samples", ParameterKind.Integer, "how many times the judge scores each case (default: the judge section's, else 1)", min: 1, max: 100),
        new ParameterDescriptor("aggregate", ParameterKind.String, "how samples combine: mean, median or majority (default: the judge section's, else mean)"),
        new ParameterDescriptor("max_tokens", ParameterKind.Integer, "the most tokens the judge may answer with", min: 1),
        new ParameterDescriptor("sample", ParameterKind.Fraction, "the fraction of cases judged, chosen by case-id hash; the others are inconclusive (not sampled)", min: 0, max: 1),
        new ParameterDescriptor("human_label", ParameterKind.String, "a case field with a human's label (pass/fail, or a score on the metric's scale) for calibration"),
        new ParameterDescriptor("min_agreement", ParameterKind.Fraction, "the least judge-human accuracy over labelled cases for the gate to pass", min: 0, max: 1),
        new ParameterDescriptor("min_kappa", ParameterKind.Number, "the least judge-human Cohen's kappa over labelled cases for the gate to pass", min: -1, max: 1),
    };

    private static readonly ParameterDescriptor JudgeContext =
        new("context", ParameterKind.String, "a case field holding the context passages (default: the case's mapped context)");

    /// <summary>The LLM-judge metrics (family <see cref="MetricFamily.Judge"/>; each needs a <c>judge:</c> section), in documentation order.</summary>
    /// <remarks>Kept apart from <see cref="BuiltIn"/> (the deterministic metrics); <see cref="Find"/> and <see cref="All"/> cover both.</remarks>
    public static IReadOnlyList<MetricDescriptor> Judges { get; } = new[]
    {
        new MetricDescriptor("relevance", MetricFamily.Judge, "the judge rates how well the output addresses the input (1-5)",
            ValueSource.None, ParameterKind.Any, JudgeParameters, defaultThreshold: 0.75, negatable: false),
        new MetricDescriptor("faithfulness", MetricFamily.Judge, "the judge rates how well every claim of the output is supported by the context (1-5)",
            ValueSource.None, ParameterKind.Any, JudgeParameters.Concat(new[] { JudgeContext }).ToArray(), defaultThreshold: 0.75, negatable: false),
        new MetricDescriptor("hallucination", MetricFamily.Judge, "the judge rates how free the output is of invented or contradicting claims (1-5, 5 = none)",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.String, JudgeParameters.Concat(new[] { JudgeContext }).ToArray(), defaultThreshold: 0.75, negatable: false),
        new MetricDescriptor("correctness", MetricFamily.Judge, "the judge rates how well the output agrees with the reference answer (1-5)",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.String, JudgeParameters, defaultThreshold: 0.75, negatable: false),
        new MetricDescriptor("completeness", MetricFamily.Judge, "the judge rates how many of the reference answer's points the output covers (1-5)",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.String, JudgeParameters, defaultThreshold: 0.75, negatable: false),
        new MetricDescriptor("coherence", MetricFamily.Judge, "the judge rates how logically the output hangs together (1-5)",
            ValueSource.None, ParameterKind.Any, JudgeParameters, defaultThreshold: 0.75, negatable: false),
        new MetricDescriptor("fluency", MetricFamily.Judge, "the judge rates the output's grammar and readability (1-5)",
            ValueSource.None, ParameterKind.Any, JudgeParameters, defaultThreshold: 0.75, negatable: false),
        new MetricDescriptor("rubric", MetricFamily.Judge, "the judge rates the output against your criteria, by evaluation steps derived once per rubric (G-Eval, 1-5)",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.String, JudgeParameters.Concat(new[]
            {
                new ParameterDescriptor("criteria", ParameterKind.String, "what a good response does, in your words", required: true),
                new ParameterDescriptor("steps", ParameterKind.StringList, "evaluation steps to use instead of deriving them from the criteria"),
            }).ToArray(), defaultThreshold: 0.75, negatable: false),
        new MetricDescriptor("pairwise", MetricFamily.Judge, "the judge compares the output with another response in both orders; a tie scores 0.5",
            ValueSource.ValueOrFieldOrExpected, ParameterKind.String, JudgeParameters, defaultThreshold: 0.5, negatable: false),
        new MetricDescriptor("conversation", MetricFamily.Judge, "the judge rates a multi-turn conversation's coherence and goal completion (1-5 each, averaged)",
            ValueSource.None, ParameterKind.Any, JudgeParameters, defaultThreshold: 0.75, negatable: false),
    };

    /// <summary>Every metric a suite may name: <see cref="BuiltIn"/>, then <see cref="Judges"/>.</summary>
    public static IReadOnlyList<MetricDescriptor> All { get; } = BuiltIn.Concat(Judges).ToArray();

    /// <summary>Finds a built-in or judge descriptor by its exact name (without a <c>not-</c> prefix).</summary>
    public static MetricDescriptor? Find(string name)
    {
        foreach (var descriptor in All)
        {
            if (string.Equals(descriptor.Name, name, StringComparison.Ordinal))
            {
                return descriptor;
            }
        }

        return null;
    }
}
