using System.Globalization;
using System.Text.RegularExpressions;

namespace EvalHarness.Suites;

/// <summary>
/// Turns one entry of a <c>metrics:</c> or <c>assert:</c> list into a <see cref="MetricSpec"/>, accepting both
/// spellings (<c>- contains: { value: x }</c> and <c>- { type: contains, value: x }</c>) and validating every parameter.
/// </summary>
/// <remarks>Compiled into the build-time analyzer too: netstandard2.0 APIs only.</remarks>
public sealed class MetricSpecParser
{
    private readonly Func<string, MetricDescriptor?> _lookup;

    /// <summary>Creates a parser over the built-in catalogue plus <paramref name="extra"/> descriptors (users' custom metrics).</summary>
    public MetricSpecParser(IEnumerable<MetricDescriptor>? extra = null)
    {
        var custom = new Dictionary<string, MetricDescriptor>(StringComparer.Ordinal);
        if (extra is not null)
        {
            foreach (var descriptor in extra)
            {
                custom[descriptor.Name] = descriptor;
            }
        }

        _lookup = name => MetricCatalog.Find(name) ?? (custom.TryGetValue(name, out var d) ? d : null);
        KnownNames = MetricCatalog.All.Select(d => d.Name).Concat(custom.Keys).ToArray();
    }

    /// <summary>Every metric name this parser accepts (without <c>not-</c> forms).</summary>
    public IReadOnlyList<string> KnownNames { get; }

    /// <summary>Parses one list entry; returns null and adds errors when it is invalid.</summary>
    /// <param name="node">The list item.</param>
    /// <param name="field">The item's dotted path, for example <c>metrics[2]</c>.</param>
    /// <param name="judgeConfigured">Whether the suite has a <c>judge:</c> section.</param>
    /// <param name="errors">Receives every problem found.</param>
    public MetricSpec? Parse(ConfigNode node, string field, bool judgeConfigured, ICollection<ConfigError> errors)
    {
        string name;
        SourceLocation nameLocation;
        var parameters = new List<KeyValuePair<string, ConfigNode>>();
        var keyLocations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        ConfigNode? shorthand = null;

        switch (node.Kind)
        {
            case ConfigNodeKind.Scalar:
                name = node.Scalar!;
                nameLocation = node.Location;
                break;
            case ConfigNodeKind.Mapping when node.Get("type") is { } type:
                if (type.Kind != ConfigNodeKind.Scalar)
                {
                    errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, type.Location, field + ".type", "expected a metric name, found " + type.Describe()));
                    return null;
                }

                name = type.Scalar!;
                nameLocation = type.Location;
                parameters.AddRange(node.Entries.Where(e => e.Key != "type"));
                RememberKeys(node, keyLocations);
                break;
            case ConfigNodeKind.Mapping when node.Entries.Count == 1:
                name = node.Entries[0].Key;
                nameLocation = node.Location;
                var body = node.Entries[0].Value;
                if (body.Kind == ConfigNodeKind.Mapping)
                {
                    parameters.AddRange(body.Entries);
                    RememberKeys(body, keyLocations);
                }
                else if (body.Kind != ConfigNodeKind.Null)
                {
                    shorthand = body;
                }

                break;
            default:
                errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, node.Location, field,
                    "expected a metric: '- contains: { value: x }', '- { type: contains, value: x }' or '- is-json'"));
                return null;
        }

        var negated = name.StartsWith("not-", StringComparison.Ordinal);
        var descriptor = _lookup(negated ? name.Substring(4) : name);
        if (descriptor is null && negated)
        {
            descriptor = _lookup(name);
            negated = descriptor is null;
        }

        if (descriptor is null)
        {
            errors.Add(new ConfigError(ConfigErrorCode.UnknownMetric, nameLocation, field, UnknownMetricMessage(name)));
            return null;
        }

        if (negated && !descriptor.Negatable)
        {
            errors.Add(new ConfigError(ConfigErrorCode.UnknownMetric, nameLocation, field, "metric '" + descriptor.Name + "' has no 'not-' form"));
            return null;
        }

        var path = field + "." + name;
        if (descriptor.Family == MetricFamily.Judge && !judgeConfigured)
        {
            errors.Add(new ConfigError(ConfigErrorCode.JudgeNotConfigured, nameLocation, path,
                "'" + descriptor.Name + "' is an LLM-judge metric but the suite has no 'judge:' section; add 'judge: { model: <model> }'"));
        }

        if (shorthand is not null)
        {
            if (descriptor.ValueSource == ValueSource.None)
            {
                errors.Add(new ConfigError(ConfigErrorCode.InvalidMetricParameter, shorthand.Location, path,
                    "metric '" + descriptor.Name + "' takes no value; write its parameters as a mapping"));
                return null;
            }

            parameters.Add(new KeyValuePair<string, ConfigNode>("value", shorthand));
        }

        var before = errors.Count;
        ValidateParameters(descriptor, parameters, keyLocations, nameLocation, path, errors);
        return errors.Count == before ? new MetricSpec(descriptor, negated, parameters, nameLocation, path) : null;
    }

    private static void RememberKeys(ConfigNode mapping, Dictionary<string, SourceLocation> keyLocations)
    {
        foreach (var entry in mapping.Entries)
        {
            keyLocations[entry.Key] = mapping.KeyLocation(entry.Key);
        }
    }

    private static void ValidateParameters(MetricDescriptor descriptor, List<KeyValuePair<string, ConfigNode>> parameters,
        Dictionary<string, SourceLocation> keyLocations, SourceLocation location, string path, ICollection<ConfigError> errors)
    {
        var usesValue = descriptor.ValueSource != ValueSource.None;
        foreach (var entry in parameters)
        {
            var key = entry.Key;
            var parameterPath = path + "." + key;
            ParameterDescriptor? parameter;
            if (usesValue && key == "value")
            {
                parameter = new ParameterDescriptor("value", descriptor.ValueKind, "the comparison value");
            }
            else if (usesValue && key == "field")
            {
                parameter = new ParameterDescriptor("field", ParameterKind.String, "the case field holding the comparison value");
            }
            else
            {
                parameter = descriptor.FindParameter(key) ?? FindCommon(key);
            }

            if (parameter is null)
            {
                errors.Add(new ConfigError(ConfigErrorCode.InvalidMetricParameter, keyLocations.TryGetValue(key, out var at) ? at : entry.Value.Location, parameterPath,
                    "unknown parameter '" + key + "' for metric '" + descriptor.Name + "'; it accepts: " + string.Join(", ", AcceptedKeys(descriptor))));
                continue;
            }

            ValidateValue(parameter, entry.Value, parameterPath, errors);
        }

        if (usesValue)
        {
            var hasValue = parameters.Any(p => p.Key == "value");
            var hasField = parameters.Any(p => p.Key == "field");
            if (hasValue && hasField)
            {
                errors.Add(new ConfigError(ConfigErrorCode.InvalidMetricParameter, location, path, "give either 'value' or 'field', not both"));
            }
            else if (!hasValue && !hasField && descriptor.ValueSource == ValueSource.ValueOrField)
            {
                errors.Add(new ConfigError(ConfigErrorCode.InvalidMetricParameter, location, path,
                    "metric '" + descriptor.Name + "' needs 'value' (a literal) or 'field' (a field of each case)"));
            }
        }

        foreach (var parameter in descriptor.Parameters)
        {
            if (parameter.Required && !parameters.Any(p => p.Key == parameter.Name))
            {
                errors.Add(new ConfigError(ConfigErrorCode.InvalidMetricParameter, location, path + "." + parameter.Name,
                    "metric '" + descriptor.Name + "' requires '" + parameter.Name + "' (" + parameter.Description + ")"));
            }
        }
    }

    private static ParameterDescriptor? FindCommon(string key) =>
        MetricCatalog.CommonParameters.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.Ordinal));

    private static IEnumerable<string> AcceptedKeys(MetricDescriptor descriptor)
    {
        if (descriptor.ValueSource != ValueSource.None)
        {
            yield return "value";
            yield return "field";
        }

        foreach (var parameter in descriptor.Parameters.Concat(MetricCatalog.CommonParameters))
        {
            yield return parameter.Name;
        }
    }

    private static void ValidateValue(ParameterDescriptor parameter, ConfigNode value, string path, ICollection<ConfigError> errors)
    {
        switch (parameter.Kind)
        {
            case ParameterKind.String:
                if (value.Kind != ConfigNodeKind.Scalar)
                {
                    errors.Add(Invalid(value, path, "expected text, found " + value.Describe()));
                }

                break;
            case ParameterKind.Boolean:
                if (!value.TryGetBoolean(out _))
                {
                    errors.Add(Invalid(value, path, "expected true or false, found " + value.Describe()));
                }

                break;
            case ParameterKind.Integer:
                if (!value.TryGetInt32(out var integer))
                {
                    errors.Add(Invalid(value, path, "expected a whole number, found " + value.Describe()));
                }
                else
                {
                    CheckRange(parameter, integer, value, path, errors);
                }

                break;
            case ParameterKind.Number:
            case ParameterKind.Fraction:
                if (!value.TryGetDouble(out var number))
                {
                    errors.Add(Invalid(value, path, "expected a number, found " + value.Describe()));
                }
                else
                {
                    CheckRange(parameter, number, value, path, errors);
                }

                break;
            case ParameterKind.NumberOrRange:
                if (value.Kind == ConfigNodeKind.Mapping)
                {
                    foreach (var entry in value.Entries)
                    {
                        if (entry.Key is not ("min" or "max"))
                        {
                            errors.Add(Invalid(entry.Value, path + "." + entry.Key, "expected 'min' or 'max'"));
                        }
                        else if (!entry.Value.TryGetDouble(out var bound))
                        {
                            errors.Add(Invalid(entry.Value, path + "." + entry.Key, "expected a number, found " + entry.Value.Describe()));
                        }
                        else
                        {
                            CheckRange(parameter, bound, entry.Value, path + "." + entry.Key, errors);
                        }
                    }

                    if (value.Entries.Count == 0)
                    {
                        errors.Add(Invalid(value, path, "give 'min', 'max' or both"));
                    }
                }
                else if (!value.TryGetDouble(out var exact))
                {
                    errors.Add(Invalid(value, path, "expected a number or { min, max }, found " + value.Describe()));
                }
                else
                {
                    CheckRange(parameter, exact, value, path, errors);
                }

                break;
            case ParameterKind.StringList:
                if (value.Kind == ConfigNodeKind.Sequence)
                {
                    foreach (var item in value.Items)
                    {
                        if (item.Kind != ConfigNodeKind.Scalar)
                        {
                            errors.Add(Invalid(item, path, "expected a list of strings, found " + item.Describe()));
                        }
                    }
                }
                else if (value.Kind != ConfigNodeKind.Scalar)
                {
                    errors.Add(Invalid(value, path, "expected a string or a list of strings, found " + value.Describe()));
                }

                break;
            case ParameterKind.Regex:
                if (value.Kind != ConfigNodeKind.Scalar)
                {
                    errors.Add(Invalid(value, path, "expected a regular expression, found " + value.Describe()));
                    break;
                }

                try
                {
                    _ = new Regex(value.Scalar!, RegexOptions.None, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException ex)
                {
                    errors.Add(Invalid(value, path, "invalid regular expression: " + ex.Message));
                }

                break;
            case ParameterKind.Any:
                break;
        }
    }

    private static void CheckRange(ParameterDescriptor parameter, double number, ConfigNode value, string path, ICollection<ConfigError> errors)
    {
        if ((parameter.Min is { } min && number < min) || (parameter.Max is { } max && number > max))
        {
            var code = parameter.Name == "threshold" ? ConfigErrorCode.ThresholdOutOfRange : ConfigErrorCode.InvalidMetricParameter;
            errors.Add(new ConfigError(code, value.Location, path,
                number.ToString(CultureInfo.InvariantCulture) + " is out of range; expected " + Range(parameter)));
        }
    }

    private static string Range(ParameterDescriptor parameter) =>
        parameter.Min is { } min && parameter.Max is { } max
            ? "a value from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture)
            : parameter.Min is { } lower ? "a value of at least " + lower.ToString(CultureInfo.InvariantCulture)
            : "a value of at most " + parameter.Max!.Value.ToString(CultureInfo.InvariantCulture);

    private static ConfigError Invalid(ConfigNode value, string path, string message) =>
        new(ConfigErrorCode.InvalidMetricParameter, value.Location, path, message);

    private string UnknownMetricMessage(string name)
    {
        var closest = KnownNames.OrderBy(k => EditDistance(k, name)).FirstOrDefault();
        var hint = closest is not null && EditDistance(closest, name) <= 3 ? "did you mean '" + closest + "'? " : string.Empty;
        return "unknown metric '" + name + "'; " + hint + "known metrics: " + string.Join(", ", KnownNames);
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
