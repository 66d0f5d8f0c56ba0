using EvalHarness.Metrics.Json;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>json-schema</c>: the whole output is JSON that satisfies a JSON Schema (drafts 4–7, validated by NJsonSchema).</summary>
/// <remarks>
/// The schema is <c>schema:</c> (a mapping, or a string of JSON/YAML) or <c>schema_file:</c> (a path relative to the suite file); exactly one.
/// A missing file or a schema that does not compile is a load-time error; remote <c>$ref</c>s are never fetched. Output that is not JSON
/// fails. Every violation is listed in <c>Details["violations"]</c> as <c>path: kind</c>.
/// </remarks>
public sealed class JsonSchemaMetric : IMetric
{
    private readonly SchemaValidator _schema;

    /// <summary>Creates the metric.</summary>
    /// <exception cref="EvalConfigurationException">Neither or both of <c>schema</c> and <c>schema_file</c>; a missing file; a schema that does not compile.</exception>
    public JsonSchemaMetric(MetricSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Name = spec.DisplayName;
        var inline = spec.Get("schema");
        var file = spec.GetString("schema_file");
        if ((inline is null) == (file is null))
        {
            throw MetricConfiguration.Invalid(spec, null, "give the JSON Schema as 'schema' (inline) or 'schema_file' (a path relative to the suite file), exactly one");
        }

        _schema = inline is not null
            ? SchemaSource.Load(spec, "schema")!
            : SchemaFile(spec, file!);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!JsonText.TryParse(context.Output, out var value, out var problem))
        {
            return MetricOutcome.Done(MetricResult.FromCheck(Name, false, "output is not valid JSON (" + problem + ")"));
        }

        var violations = _schema.Validate(value);
        return MetricOutcome.Done(violations.Count == 0
            ? MetricResult.FromCheck(Name, true, "output conforms to the JSON Schema")
            : IsJsonMetric.SchemaFailure(Name, "output violates the JSON Schema in " + violations.Count + " place(s)", violations));
    }

    private static SchemaValidator SchemaFile(MetricSpec spec, string file)
    {
        var path = SchemaSource.Resolve(spec, file);
        if (!File.Exists(path))
        {
            throw MetricConfiguration.Invalid(spec, "schema_file", "schema file '" + file + "' not found (resolved relative to the suite file: " + path + ")");
        }

        var text = File.ReadAllText(path);
        if (path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            var errors = new List<ConfigError>();
            var node = YamlConfigReader.Read(text, path, errors);
            if (node is null || errors.Count > 0)
            {
                throw MetricConfiguration.Invalid(spec, "schema_file", "schema file '" + file + "' is not valid YAML: " + (errors.Count > 0 ? errors[0].ToString() : "empty"));
            }

            text = ConfigJson.ToJson(node)?.ToJsonString() ?? "null";
        }

        return SchemaValidator.TryLoad(text, path, out var validator, out var problem)
            ? validator!
            : throw MetricConfiguration.Invalid(spec, "schema_file", "'" + file + "': " + problem);
    }
}
