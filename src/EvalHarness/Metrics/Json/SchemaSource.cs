using EvalHarness.Suites;

namespace EvalHarness.Metrics.Json;

/// <summary>Reads a JSON Schema parameter: an inline YAML/JSON mapping, a string holding YAML or JSON, or <c>file://path</c> relative to the suite file.</summary>
internal static class SchemaSource
{
    /// <summary>Compiles the schema in parameter <paramref name="key"/>, or returns null when the parameter is absent.</summary>
    /// <exception cref="EvalConfigurationException">The file is missing or the schema does not compile.</exception>
    public static SchemaValidator? Load(MetricSpec spec, string key)
    {
        var node = spec.Get(key);
        if (node is null || node.Kind == ConfigNodeKind.Null)
        {
            return null;
        }

        string? documentPath = null;
        ConfigNode schemaNode = node;
        if (node.Kind == ConfigNodeKind.Scalar)
        {
            var text = node.Scalar!;
            if (text.StartsWith("file://", StringComparison.Ordinal))
            {
                documentPath = Resolve(spec, text["file://".Length..]);
                text = File.Exists(documentPath)
                    ? File.ReadAllText(documentPath)
                    : throw MetricConfiguration.Invalid(spec, key, "schema file '" + documentPath + "' not found (paths are relative to the suite file)");
            }

            var errors = new List<ConfigError>();
            schemaNode = YamlConfigReader.Read(text, documentPath ?? spec.Location.File, errors) ?? ConfigNode.Null(node.Location);
            if (errors.Count > 0)
            {
                throw MetricConfiguration.Invalid(spec, key, "the schema is neither JSON nor YAML: " + errors[0].Message);
            }
        }

        if (schemaNode.Kind is not (ConfigNodeKind.Mapping or ConfigNodeKind.Scalar))
        {
            throw MetricConfiguration.Invalid(spec, key, "a JSON Schema is a mapping (or true/false), found " + schemaNode.Describe());
        }

        var json = ConfigJson.ToJson(schemaNode)?.ToJsonString() ?? "null";
        return SchemaValidator.TryLoad(json, documentPath, out var validator, out var problem)
            ? validator
            : throw MetricConfiguration.Invalid(spec, key, problem!);
    }

    /// <summary>A path relative to the directory of the file the metric was written in.</summary>
    public static string Resolve(MetricSpec spec, string path)
    {
        var directory = Path.GetDirectoryName(spec.Location.File);
        return Path.GetFullPath(string.IsNullOrEmpty(directory) ? path : Path.Combine(directory, path));
    }
}
