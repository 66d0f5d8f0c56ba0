using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Suites;

namespace EvalHarness.Datasets;

/// <summary>One row while it is being mapped: selects the mapped parts and words the errors about them.</summary>
internal sealed class RowScope(DatasetRow row, JsonObject fields, MappingDefinition mapping)
{
    private const int MaxKeysListed = 10;

    public DatasetRow Row { get; } = row;

    public JsonObject Fields { get; } = fields;

    public List<ConfigError> Errors { get; } = [.. row.Errors];

    /// <summary>Selects a mapping part; a wildcard path gives a list of copies of every match.</summary>
    public Selection Select(string part)
    {
        var path = mapping.PathOf(part);
        var explicitly = mapping.IsExplicit(part);
        if (!JsonFieldPath.TrySelect(Fields, path, out var matches))
        {
            return new Selection(part, path, explicitly, Found: false, Node: null);
        }

        var node = JsonFieldPath.IsMulti(path) ? new JsonArray([.. matches.Select(m => m?.DeepClone())]) : matches[0];
        return new Selection(part, path, explicitly, Found: true, node);
    }

    /// <summary>Reports an explicitly mapped field that the row lacks.</summary>
    public void Missing(Selection selection) =>
        Errors.Add(new ConfigError(ConfigErrorCode.MappedFieldMissing, Row.Location, selection.Label(),
            "the row has no '" + selection.Path + "'; every row needs the fields named in 'mapping:' (" + PresentKeys() + ")"));

    /// <summary>Reports a value of the wrong shape, at the value's own position when the format knows it.</summary>
    public void Invalid(Selection selection, JsonNode? node, string message, string suffix = "") =>
        Errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, Row.Locate(node), selection.Label(suffix), message));

    /// <summary>The row's top-level keys, for messages about a missing field (a typo is then easy to see).</summary>
    public string PresentKeys()
    {
        if (Fields.Count == 0)
        {
            return "this row has no fields";
        }

        var keys = Fields.Select(f => f.Key).Take(MaxKeysListed).Select(k => "'" + k + "'");
        return "this row has " + string.Join(", ", keys) + (Fields.Count > MaxKeysListed ? ", …" : string.Empty);
    }

    /// <summary>A short description of a value's kind, for error messages.</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "text",
            JsonValueKind.Number => "the number " + node.ToJsonString(),
            _ => node.ToJsonString(),
        },
    };

    /// <summary>A mapping part as found in the row.</summary>
    /// <param name="Part">The part (<c>input</c>, <c>context</c>…).</param>
    /// <param name="Path">The path it is read from: the mapped one, else the part's own name.</param>
    /// <param name="Explicit">Whether the suite maps it, which makes it required.</param>
    /// <param name="Found">Whether the path exists in the row (a JSON null exists).</param>
    /// <param name="Node">The value; for a wildcard path a list of every match.</param>
    internal readonly record struct Selection(string Part, string Path, bool Explicit, bool Found, JsonNode? Node)
    {
        /// <summary>The field named in errors: <c>input</c>, or <c>input (question)</c> when read from another path.</summary>
        public string Label(string suffix = "") => suffix.Length == 0 && Path == Part ? Part : Part + " (" + Path + suffix + ")";
    }
}
