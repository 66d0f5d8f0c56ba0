using System.Text.RegularExpressions;

namespace EvalHarness.Suites;

/// <summary>
/// Reads and validates a suite file. Every problem is collected (not just the first) with file, line, column and
/// field; unknown keys are errors, never ignored.
/// </summary>
/// <remarks>Compiled into the build-time analyzer too: netstandard2.0 APIs only, no file system access.</remarks>
public sealed class SuiteParser
{
    private static readonly string[] TopLevelKeys =
        { "name", "description", "dataset", "mapping", "target", "provider", "judge", "metrics", "gate", "max_concurrency", "timeout_ms" };

    private static readonly string[] TargetKeys = { "prompt", "system", "model", "output", "temperature", "max_tokens" };
    private static readonly string[] ProviderKeys = { "base_url", "model", "api_key_env" };
    private static readonly string[] JudgeKeys = { "base_url", "model", "api_key_env", "temperature", "samples", "seed", "max_tokens", "aggregate" };
    private static readonly string[] GateKeys =
        { "min_pass_rate", "min_samples", "metrics", "regression", "drift", "different_ruler", "snapshots", "variants", "budget_usd" };

    private static readonly string[] RegressionKeys = { "alpha", "margin", "min_samples", "severity" };
    private static readonly string[] DriftKeys = { "pct_threshold", "severity" };
    private static readonly string[] FloorKeys = { "min_pass_rate", "min_score" };
    private static readonly string[] VariantKeys = { "name", "prompt", "system", "model" };
    private static readonly Regex SuiteName = new("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex EnvName = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    private readonly MetricSpecParser _metrics;

    /// <summary>Creates a parser that also accepts the given custom metric descriptors.</summary>
    public SuiteParser(IEnumerable<MetricDescriptor>? customMetrics = null) => _metrics = new MetricSpecParser(customMetrics);

    /// <summary>The metric parser used for <c>metrics:</c> entries; reuse it for dataset <c>assert:</c> lists.</summary>
    public MetricSpecParser Metrics => _metrics;

    /// <summary>Parses suite YAML.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="file">The file's path, used in every location.</param>
    /// <param name="errors">Receives every problem found.</param>
    /// <returns>The suite, or null when any error was found.</returns>
    public SuiteDefinition? Parse(string text, string file, ICollection<ConfigError> errors)
    {
        var start = errors.Count;
        var root = YamlConfigReader.Read(text, file, errors);
        if (root is null)
        {
            return null;
        }

        if (root.Kind != ConfigNodeKind.Mapping)
        {
            errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, root.Location, string.Empty,
                "a suite file is a mapping with at least 'name' and 'dataset'; found " + root.Describe()));
            return null;
        }

        CheckKeys(root, TopLevelKeys, string.Empty, errors);

        var name = RequiredString(root, "name", string.Empty, errors);
        if (name is not null && !SuiteName.IsMatch(name))
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, root.Get("name")!, "name", "use letters, digits, '-', '_' and '.' only (it names files)"));
        }

        var description = OptionalString(root, "description", string.Empty, errors);
        var dataset = RequiredString(root, "dataset", string.Empty, errors);
        var mapping = ParseMapping(root.Get("mapping"), errors);
        var target = ParseTarget(root.Get("target"), root.Location, errors);
        var provider = ParseEndpoint(root.Get("provider"), "provider", ProviderKeys, errors);
        var judge = ParseEndpoint(root.Get("judge"), "judge", JudgeKeys, errors);
        var metrics = ParseMetrics(root.Get("metrics"), judge is not null, errors);
        var gate = ParseGate(root.Get("gate"), metrics, errors);
        var maxConcurrency = OptionalInt(root, "max_concurrency", string.Empty, 1, 1024, errors) ?? SuiteDefinition.DefaultMaxConcurrency;
        var timeoutMs = OptionalInt(root, "timeout_ms", string.Empty, 1, int.MaxValue, errors) ?? SuiteDefinition.DefaultTimeoutMs;
        var gateNode = root.Get("gate");
        var variants = ParseVariants(gateNode is { Kind: ConfigNodeKind.Mapping } ? gateNode.Get("variants") : null, target, errors);

        if (target.Kind == TargetKind.Prompt && target.Model is null && provider?.Model is null)
        {
            errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, target.Location, "target.model",
                "a prompt target needs a model: set 'target.model' or 'provider.model' (EVALHARNESS_MODEL overrides either)"));
        }

        if (errors.Count != start || name is null || dataset is null)
        {
            return null;
        }

        return new SuiteDefinition(file, name, description, dataset, root.Get("dataset")!.Location, mapping, target, provider, judge,
            metrics, gate, maxConcurrency, timeoutMs, variants);
    }

    /// <summary>Parses an <c>assert:</c>-style list of metric entries (used for dataset rows).</summary>
    public IReadOnlyList<MetricSpec> ParseMetricList(ConfigNode? list, string field, bool judgeConfigured, ICollection<ConfigError> errors)
    {
        var specs = new List<MetricSpec>();
        if (list is null || list.Kind == ConfigNodeKind.Null)
        {
            return specs;
        }

        if (list.Kind != ConfigNodeKind.Sequence)
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, list, field, "expected a list of metrics, found " + list.Describe()));
            return specs;
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            var spec = _metrics.Parse(list.Items[i], field + "[" + i + "]", judgeConfigured, errors);
            if (spec is not null)
            {
                specs.Add(spec);
            }
        }

        return specs;
    }

    private IReadOnlyList<MetricSpec> ParseMetrics(ConfigNode? node, bool judgeConfigured, ICollection<ConfigError> errors) =>
        ParseMetricList(node, "metrics", judgeConfigured, errors);

    private static MappingDefinition ParseMapping(ConfigNode? node, ICollection<ConfigError> errors)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null || node.Kind == ConfigNodeKind.Null)
        {
            return new MappingDefinition(entries);
        }

        if (node.Kind != ConfigNodeKind.Mapping)
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, node, "mapping", "expected a mapping such as '{ input: question, expected: answer }'"));
            return new MappingDefinition(entries);
        }

        CheckKeys(node, MappingDefinition.Keys, "mapping", errors);
        foreach (var entry in node.Entries)
        {
            if (!MappingDefinition.Keys.Contains(entry.Key))
            {
                continue;
            }

            if (entry.Value.Kind != ConfigNodeKind.Scalar)
            {
                errors.Add(Error(ConfigErrorCode.InvalidValue, entry.Value, "mapping." + entry.Key, "expected a field path, found " + entry.Value.Describe()));
                continue;
            }

            var problem = FieldPath.Validate(entry.Value.Scalar!);
            if (problem is not null)
            {
                errors.Add(Error(ConfigErrorCode.InvalidValue, entry.Value, "mapping." + entry.Key, problem));
                continue;
            }

            entries[entry.Key] = entry.Value.Scalar!;
        }

        return new MappingDefinition(entries);
    }

    private static TargetDefinition ParseTarget(ConfigNode? node, SourceLocation rootLocation, ICollection<ConfigError> errors)
    {
        if (node is null || node.Kind == ConfigNodeKind.Null)
        {
            return new TargetDefinition(TargetKind.Code, null, false, null, null, null, null, null, rootLocation);
        }

        if (node.Kind != ConfigNodeKind.Mapping)
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, node, "target",
                "expected '{ prompt: <file or text>, model: <id> }' or '{ output: <field> }'; omit 'target' when C# binds the suite"));
            return new TargetDefinition(TargetKind.Code, null, false, null, null, null, null, null, node.Location);
        }

        CheckKeys(node, TargetKeys, "target", errors);
        var prompt = OptionalString(node, "prompt", "target", errors);
        var output = OptionalString(node, "output", "target", errors);
        var system = OptionalString(node, "system", "target", errors);
        var model = OptionalString(node, "model", "target", errors);
        var temperature = OptionalDouble(node, "temperature", "target", 0, 2, errors);
        var maxTokens = OptionalInt(node, "max_tokens", "target", 1, int.MaxValue, errors);

        if (prompt is not null && output is not null)
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, node, "target", "give either 'prompt' (call a model) or 'output' (score a dataset field), not both"));
        }

        if (output is not null)
        {
            foreach (var key in new[] { "system", "model", "temperature", "max_tokens" })
            {
                if (node.Get(key) is not null)
                {
                    errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, node.KeyLocation(key), "target." + key, "'" + key + "' has no effect when the output comes from the dataset"));
                }
            }

            return new TargetDefinition(TargetKind.Output, null, false, null, null, output, null, null, node.Location);
        }

        if (prompt is null && node.Get("model") is null)
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, node, "target", "a target needs 'prompt' (with 'model') or 'output'"));
        }

        // A prompt with no whitespace and no placeholder that looks like a path is a file; anything else is the template itself.
        var isFile = prompt is not null && LooksLikePath(prompt);
        return new TargetDefinition(TargetKind.Prompt, prompt, isFile, system, model, null, temperature, maxTokens, node.Location);
    }

    /// <summary>True when a <c>prompt:</c> value is read as a file path rather than an inline template.</summary>
    public static bool LooksLikePath(string value) =>
        value.IndexOf("{{", StringComparison.Ordinal) < 0 && !value.Any(char.IsWhiteSpace) &&
        (value.IndexOf('/') >= 0 || value.IndexOf('\\') >= 0 || Regex.IsMatch(value, @"\.[A-Za-z0-9]{1,8}$"));

    private static EndpointDefinition? ParseEndpoint(ConfigNode? node, string section, string[] keys, ICollection<ConfigError> errors)
    {
        if (node is null || node.Kind == ConfigNodeKind.Null)
        {
            return null;
        }

        if (node.Kind != ConfigNodeKind.Mapping)
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, node, section, "expected a mapping such as '{ model: gpt-4o-mini }'"));
            return null;
        }

        CheckKeys(node, keys, section, errors);
        var baseUrl = OptionalString(node, "base_url", section, errors);
        if (baseUrl is not null && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https")))
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, node.Get("base_url")!, section + ".base_url", "expected an http:// or https:// URL"));
        }

        var model = OptionalString(node, "model", section, errors);
        var keyEnv = OptionalString(node, "api_key_env", section, errors);
        if (keyEnv is not null && !EnvName.IsMatch(keyEnv))
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, node.Get("api_key_env")!, section + ".api_key_env",
                "expected the NAME of an environment variable (keys never go in files)"));
        }

        _ = OptionalDouble(node, "temperature", section, 0, 2, errors);
        _ = OptionalInt(node, "samples", section, 1, 100, errors);
        _ = OptionalInt(node, "seed", section, int.MinValue, int.MaxValue, errors);
        _ = OptionalInt(node, "max_tokens", section, 1, int.MaxValue, errors);
        if (node.Get("aggregate") is { } aggregate && !(aggregate.Kind == ConfigNodeKind.Scalar && aggregate.Scalar is "mean" or "median" or "majority"))
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, aggregate, section + ".aggregate", "expected mean, median or majority"));
        }

        var settings = node.Entries.Where(e => e.Key is not ("base_url" or "model" or "api_key_env")).ToList();
        return new EndpointDefinition(baseUrl, model, keyEnv, settings, node.Location);
    }

    private static GateDefinition? ParseGate(ConfigNode? node, IReadOnlyList<MetricSpec> metrics, ICollection<ConfigError> errors)
    {
        if (node is null || node.Kind == ConfigNodeKind.Null)
        {
            return null;
        }

        if (node.Kind != ConfigNodeKind.Mapping)
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, node, "gate", "expected a mapping such as '{ min_pass_rate: 0.9 }'"));
            return null;
        }

        CheckKeys(node, GateKeys, "gate", errors);
        var minPassRate = OptionalDouble(node, "min_pass_rate", "gate", 0, 1, errors, ConfigErrorCode.ThresholdOutOfRange);
        var minSamples = OptionalInt(node, "min_samples", "gate", 1, int.MaxValue, errors);
        var budget = OptionalDouble(node, "budget_usd", "gate", 0, double.MaxValue, errors);
        double? alpha = null, margin = null;
        int? regressionMinSamples = null;
        var hasRegression = false;
        var regressionCritical = true;
        if (node.Get("regression") is { } regression && regression.Kind != ConfigNodeKind.Null)
        {
            if (regression.Kind != ConfigNodeKind.Mapping)
            {
                errors.Add(Error(ConfigErrorCode.InvalidValue, regression, "gate.regression", "expected '{ alpha: 0.05, margin: 0.02 }'"));
            }
            else
            {
                hasRegression = true;
                CheckKeys(regression, RegressionKeys, "gate.regression", errors);
                alpha = OptionalDouble(regression, "alpha", "gate.regression", 0, 1, errors, ConfigErrorCode.ThresholdOutOfRange);
                margin = OptionalDouble(regression, "margin", "gate.regression", 0, 1, errors, ConfigErrorCode.ThresholdOutOfRange);
                regressionMinSamples = OptionalInt(regression, "min_samples", "gate.regression", 1, int.MaxValue, errors);
                regressionCritical = Severity(regression, "gate.regression", true, errors);
            }
        }

        var driftEnabled = true;
        var hasDrift = false;
        double? pctThreshold = null;
        var driftCritical = false;
        if (node.Get("drift") is { } drift && drift.Kind != ConfigNodeKind.Null)
        {
            if (drift.TryGetBoolean(out var on))
            {
                driftEnabled = on;
                hasDrift = on;
            }
            else if (drift.Kind != ConfigNodeKind.Mapping)
            {
                errors.Add(Error(ConfigErrorCode.InvalidValue, drift, "gate.drift", "expected '{ pct_threshold: 0.1, severity: warning }', true or false"));
            }
            else
            {
                hasDrift = true;
                CheckKeys(drift, DriftKeys, "gate.drift", errors);
                pctThreshold = OptionalDouble(drift, "pct_threshold", "gate.drift", 0, double.MaxValue, errors, ConfigErrorCode.ThresholdOutOfRange);
                driftCritical = Severity(drift, "gate.drift", false, errors);
            }
        }

        var rulerFails = false;
        if (OptionalString(node, "different_ruler", "gate", errors) is { } ruler)
        {
            if (ruler is "fail" or "warn")
            {
                rulerFails = ruler == "fail";
            }
            else
            {
                errors.Add(Error(ConfigErrorCode.InvalidValue, node.Get("different_ruler")!, "gate.different_ruler",
                    "expected 'warn' (report a baseline measured by another judge model, rubric or dataset) or 'fail'"));
            }
        }

        var snapshots = false;
        if (node.Get("snapshots") is { } snapshotNode && snapshotNode.Kind != ConfigNodeKind.Null && !snapshotNode.TryGetBoolean(out snapshots))
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, snapshotNode, "gate.snapshots", "expected true or false, found " + snapshotNode.Describe()));
        }

        var minPassRates = new Dictionary<string, double>(StringComparer.Ordinal);
        var minScores = new Dictionary<string, double>(StringComparer.Ordinal);
        ParseFloors(node.Get("metrics"), metrics, minPassRates, minScores, errors);

        return new GateDefinition(minPassRate, alpha, margin, budget, node.Location, minSamples, hasRegression, regressionMinSamples,
            regressionCritical, driftEnabled, pctThreshold, driftCritical, rulerFails, snapshots, minPassRates, minScores, hasDrift);
    }

    private static void ParseFloors(ConfigNode? node, IReadOnlyList<MetricSpec> metrics, Dictionary<string, double> minPassRates,
        Dictionary<string, double> minScores, ICollection<ConfigError> errors)
    {
        if (node is null || node.Kind == ConfigNodeKind.Null)
        {
            return;
        }

        if (node.Kind != ConfigNodeKind.Mapping)
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, node, "gate.metrics", "expected per-metric floors such as '{ keywords: { min_pass_rate: 0.9 } }'"));
            return;
        }

        var names = metrics.Select(m => m.DisplayName).Distinct().ToList();
        foreach (var entry in node.Entries)
        {
            var field = "gate.metrics." + entry.Key;
            if (!names.Contains(entry.Key))
            {
                errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, node.KeyLocation(entry.Key), field, "no metric named '" + entry.Key +
                    "' in 'metrics:'" + (names.Count == 0 ? string.Empty : "; the suite's metrics are: " + string.Join(", ", names))));
                continue;
            }

            if (entry.Value.Kind != ConfigNodeKind.Mapping)
            {
                errors.Add(Error(ConfigErrorCode.InvalidValue, entry.Value, field, "expected '{ min_pass_rate: 0.9 }' or '{ min_score: 0.7 }'"));
                continue;
            }

            CheckKeys(entry.Value, FloorKeys, field, errors);
            if (OptionalDouble(entry.Value, "min_pass_rate", field, 0, 1, errors, ConfigErrorCode.ThresholdOutOfRange) is { } rate)
            {
                minPassRates[entry.Key] = rate;
            }

            if (OptionalDouble(entry.Value, "min_score", field, 0, 1, errors, ConfigErrorCode.ThresholdOutOfRange) is { } score)
            {
                minScores[entry.Key] = score;
            }
        }
    }

    private static bool Severity(ConfigNode node, string section, bool criticalByDefault, ICollection<ConfigError> errors)
    {
        var value = OptionalString(node, "severity", section, errors);
        if (value is null)
        {
            return criticalByDefault;
        }

        if (value is "critical" or "warning")
        {
            return value == "critical";
        }

        errors.Add(Error(ConfigErrorCode.InvalidValue, node.Get("severity")!, section + ".severity",
            "expected 'critical' (fails the run) or 'warning' (reported, the run passes)"));
        return criticalByDefault;
    }

    private static IReadOnlyList<KeyValuePair<string, TargetDefinition>> ParseVariants(ConfigNode? node, TargetDefinition target, ICollection<ConfigError> errors)
    {
        var variants = new List<KeyValuePair<string, TargetDefinition>>();
        if (node is null || node.Kind == ConfigNodeKind.Null)
        {
            return variants;
        }

        if (node.Kind != ConfigNodeKind.Sequence || node.Items.Count != 2)
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, node, "gate.variants",
                "expected a list of two variants such as '[{ name: a, prompt: prompts/a.txt }, { name: b, prompt: prompts/b.txt }]'"));
            return variants;
        }

        if (target.Kind != TargetKind.Prompt)
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, node, "gate.variants",
                "variants change the prompt or model of a 'target: { prompt: …, model: … }'; this suite's outputs come from " +
                (target.Kind == TargetKind.Output ? "the dataset" : "C# code")));
            return variants;
        }

        for (var i = 0; i < node.Items.Count; i++)
        {
            var item = node.Items[i];
            var field = "gate.variants[" + i + "]";
            if (item.Kind != ConfigNodeKind.Mapping)
            {
                errors.Add(Error(ConfigErrorCode.InvalidValue, item, field, "expected '{ name: b, prompt: prompts/b.txt }' or '{ name: b, model: gpt-4o }'"));
                continue;
            }

            CheckKeys(item, VariantKeys, field, errors);
            var name = RequiredString(item, "name", field, errors);
            if (name is not null && !SuiteName.IsMatch(name))
            {
                errors.Add(Error(ConfigErrorCode.InvalidValue, item.Get("name")!, field + ".name", "use letters, digits, '-', '_' and '.' only"));
            }
            else if (name is not null && variants.Any(v => v.Key == name))
            {
                errors.Add(Error(ConfigErrorCode.InvalidValue, item.Get("name")!, field + ".name", "two variants are both named '" + name + "'"));
            }

            var prompt = OptionalString(item, "prompt", field, errors);
            var system = OptionalString(item, "system", field, errors);
            var model = OptionalString(item, "model", field, errors);
            if (prompt is null && system is null && model is null)
            {
                errors.Add(Error(ConfigErrorCode.InvalidValue, item, field, "a variant changes at least one of 'prompt', 'system' or 'model'"));
            }

            if (name is not null)
            {
                variants.Add(new KeyValuePair<string, TargetDefinition>(name, new TargetDefinition(TargetKind.Prompt, prompt ?? target.Prompt,
                    prompt is null ? target.PromptIsFile : LooksLikePath(prompt), system ?? target.System, model ?? target.Model, null,
                    target.Temperature, target.MaxTokens, item.Location)));
            }
        }

        return variants;
    }

    private static void CheckKeys(ConfigNode node, IReadOnlyList<string> allowed, string section, ICollection<ConfigError> errors)
    {
        foreach (var entry in node.Entries)
        {
            if (allowed.Contains(entry.Key))
            {
                continue;
            }

            var path = section.Length == 0 ? entry.Key : section + "." + entry.Key;
            var suggestion = allowed.FirstOrDefault(k => string.Equals(k.Replace("_", string.Empty), entry.Key.Replace("_", string.Empty).Replace("-", string.Empty), StringComparison.OrdinalIgnoreCase));
            var hint = suggestion is null ? string.Empty : "did you mean '" + suggestion + "'? ";
            errors.Add(new ConfigError(ConfigErrorCode.UnknownKey, node.KeyLocation(entry.Key), path,
                "unknown key '" + entry.Key + "'; " + hint + "allowed here: " + string.Join(", ", allowed)));
        }
    }

    private static string? RequiredString(ConfigNode node, string key, string section, ICollection<ConfigError> errors)
    {
        var value = node.Get(key);
        var path = section.Length == 0 ? key : section + "." + key;
        if (value is null || value.Kind == ConfigNodeKind.Null)
        {
            errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, node.Location, path, "required key '" + key + "' is missing"));
            return null;
        }

        return OptionalString(node, key, section, errors);
    }

    private static string? OptionalString(ConfigNode node, string key, string section, ICollection<ConfigError> errors)
    {
        var value = node.Get(key);
        if (value is null || value.Kind == ConfigNodeKind.Null)
        {
            return null;
        }

        if (value.Kind != ConfigNodeKind.Scalar)
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, value, section.Length == 0 ? key : section + "." + key, "expected text, found " + value.Describe()));
            return null;
        }

        return value.Scalar;
    }

    private static double? OptionalDouble(ConfigNode node, string key, string section, double min, double max, ICollection<ConfigError> errors,
        string rangeCode = ConfigErrorCode.InvalidValue)
    {
        var value = node.Get(key);
        if (value is null || value.Kind == ConfigNodeKind.Null)
        {
            return null;
        }

        var path = section.Length == 0 ? key : section + "." + key;
        if (!value.TryGetDouble(out var number))
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, value, path, "expected a number, found " + value.Describe()));
            return null;
        }

        if (number < min || number > max)
        {
            errors.Add(Error(rangeCode, value, path, value.Scalar + " is out of range; expected a value from " +
                min.ToString(System.Globalization.CultureInfo.InvariantCulture) + " to " + (max == double.MaxValue ? "any" : max.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            return null;
        }

        return number;
    }

    private static int? OptionalInt(ConfigNode node, string key, string section, int min, int max, ICollection<ConfigError> errors)
    {
        var value = node.Get(key);
        if (value is null || value.Kind == ConfigNodeKind.Null)
        {
            return null;
        }

        var path = section.Length == 0 ? key : section + "." + key;
        if (!value.TryGetInt32(out var number) || number < min || number > max)
        {
            errors.Add(Error(ConfigErrorCode.InvalidValue, value, path, "expected a whole number of at least " +
                min.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", found " + value.Describe()));
            return null;
        }

        return number;
    }

    private static ConfigError Error(string code, ConfigNode node, string field, string message) => new(code, node.Location, field, message);
}
