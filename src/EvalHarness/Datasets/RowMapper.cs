using System.Globalization;
using System.Text.Json.Nodes;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.Datasets;

/// <summary>Maps parsed rows to cases following the suite's mapping, collecting every problem of a row, and tracks ids across rows.</summary>
internal sealed class RowMapper(DatasetOptions options, string file, DatasetFormat format)
{
    private readonly Dictionary<string, int> _firstLineOfId = new(StringComparer.Ordinal);

    public DatasetEntry Map(DatasetRow row)
    {
        if (row.Value is not JsonObject fields)
        {
            var errors = row.Errors.Count > 0 ? row.Errors : [NotAnObject(row)];
            return new DatasetEntry(row.Line, LineId(row.Line), null, errors);
        }

        var scope = new RowScope(row, fields, options.Mapping);
        var id = ReadId(scope);
        var (input, messages) = ReadInput(scope);
        var expected = ReadExpected(scope);
        var context = ReadContext(scope);
        var tags = ReadTags(scope);
        var vars = ReadObject(scope, "vars") ?? (format == DatasetFormat.Csv ? CsvVars(scope) : null);
        var metadata = ReadObject(scope, "metadata");
        var assertions = ReadAssertions(scope);
        CheckOutput(scope);

        var entryId = id?.Value ?? LineId(row.Line);
        if (id is not null && !_firstLineOfId.TryAdd(id.Value, row.Line))
        {
            var first = _firstLineOfId[id.Value].ToString(CultureInfo.InvariantCulture);
            scope.Errors.Add(new ConfigError(ConfigErrorCode.DuplicateCaseId, id.Location, id.Label, id.Hashed
                ? "the row repeats line " + first + " (it has no id, so its id is the hash of its content, '" + id.Value + "'); remove the copy or give the rows ids"
                : "duplicate case id '" + id.Value + "'; line " + first + " already uses it"));
            entryId = id.Value + "@" + LineId(row.Line);
        }

        if (scope.Errors.Count > 0)
        {
            return new DatasetEntry(row.Line, entryId, null, scope.Errors);
        }

        var @case = new EvalCase(id!.Value, input, messages, expected, context, tags, vars, metadata, assertions, fields,
            new SourceLocation(file, row.Line, 1));
        return new DatasetEntry(row.Line, entryId, @case, []);
    }

    private static string LineId(int line) => "line-" + line.ToString(CultureInfo.InvariantCulture);

    private ConfigError NotAnObject(DatasetRow row) =>
        new(ConfigErrorCode.MalformedDatasetLine, row.Location, string.Empty, format == DatasetFormat.Yaml
            ? "each item of the list must be a mapping such as '- input: ...'; found " + RowScope.Describe(row.Value)
            : "each line must be a JSON object such as {\"input\": \"...\"}; found " + RowScope.Describe(row.Value));

    private static CaseId? ReadId(RowScope scope)
    {
        var selection = scope.Select("id");
        var label = selection.Label();
        if (!selection.Found || selection.Node is null)
        {
            if (!selection.Explicit)
            {
                return new CaseId(RowIdHash.HashId(scope.Fields), Hashed: true, scope.Row.Location, label);
            }

            if (selection.Found)
            {
                scope.Invalid(selection, null, "the id is empty (null or an empty CSV cell); give every row an id");
            }
            else
            {
                scope.Missing(selection);
            }

            return null;
        }

        var node = selection.Node;
        var location = scope.Row.Locate(node);
        switch (node.GetValueKind())
        {
            case System.Text.Json.JsonValueKind.String:
                var text = node.GetValue<string>();
                if (text.Length == 0)
                {
                    scope.Invalid(selection, node, "the id is empty; give the row an id or leave the field out to use a hash of the row");
                    return null;
                }

                return new CaseId(text, Hashed: false, location, label);
            case System.Text.Json.JsonValueKind.Number:
                return new CaseId(node.ToJsonString(), Hashed: false, location, label);
            default:
                scope.Invalid(selection, node, "an id is text or a number, found " + RowScope.Describe(node));
                return null;
        }
    }

    private (string Input, IReadOnlyList<ChatMessage>? Messages) ReadInput(RowScope scope)
    {
        var selection = scope.Select("input");
        var required = selection.Explicit || options.InputRequired;
        if (!selection.Found)
        {
            if (selection.Explicit)
            {
                scope.Missing(selection);
            }
            else if (required)
            {
                scope.Errors.Add(new ConfigError(ConfigErrorCode.MappedFieldMissing, scope.Row.Location, "input",
                    "the row has no 'input'; name the field that holds the input with 'mapping: { input: <field> }' (" + scope.PresentKeys() + ")"));
            }

            return (string.Empty, null);
        }

        switch (selection.Node)
        {
            case null:
                if (required)
                {
                    scope.Invalid(selection, null, "the input is empty (null or an empty CSV cell); expected text or a list of chat messages");
                }

                return (string.Empty, null);
            case JsonArray conversation when ChatInput.IsConversation(conversation):
                return ChatInput.Read(scope, selection, conversation);
            default:
                return (JsonFieldPath.AsText(selection.Node)!, null);
        }
    }

    private static string? ReadExpected(RowScope scope)
    {
        var selection = scope.Select("expected");
        if (!selection.Found && selection.Explicit)
        {
            scope.Missing(selection);
        }

        return JsonFieldPath.AsText(selection.Node);
    }

    private static IReadOnlyList<string>? ReadContext(RowScope scope)
    {
        var selection = scope.Select("context");
        switch (selection.Node)
        {
            case null:
                if (!selection.Found && selection.Explicit)
                {
                    scope.Missing(selection);
                }

                return null;
            case JsonArray passages:
                var context = new List<string>(passages.Count);
                for (var i = 0; i < passages.Count; i++)
                {
                    if (passages[i] is null)
                    {
                        scope.Invalid(selection, passages, "passage " + (i + 1).ToString(CultureInfo.InvariantCulture) +
                            " is null; expected text", "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                        continue;
                    }

                    context.Add(JsonFieldPath.AsText(passages[i])!);
                }

                return context;
            default:
                return [JsonFieldPath.AsText(selection.Node)!];
        }
    }

    private static IReadOnlyList<string>? ReadTags(RowScope scope)
    {
        var selection = scope.Select("tags");
        switch (selection.Node)
        {
            case null:
                if (!selection.Found && selection.Explicit)
                {
                    scope.Missing(selection);
                }

                return null;
            case JsonArray items:
                var tags = new List<string>(items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonValue value && value.TryGetValue<string>(out var tag))
                    {
                        tags.Add(tag);
                    }
                    else
                    {
                        scope.Invalid(selection, items[i] ?? items, "expected a tag (text), found " + RowScope.Describe(items[i]),
                            "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                    }
                }

                return tags;
            case JsonValue value when value.TryGetValue<string>(out var single):
                return [single];
            default:
                scope.Invalid(selection, selection.Node, "expected a tag or a list of tags, found " + RowScope.Describe(selection.Node));
                return null;
        }
    }

    private static JsonObject? ReadObject(RowScope scope, string part)
    {
        var selection = scope.Select(part);
        switch (selection.Node)
        {
            case null:
                if (!selection.Found && selection.Explicit)
                {
                    scope.Missing(selection);
                }

                return null;
            case JsonObject obj:
                // A copy, so the case's parts can be added to other JSON documents (a node has one parent).
                return (JsonObject)obj.DeepClone();
            default:
                scope.Invalid(selection, selection.Node, "expected an object of names and values, found " + RowScope.Describe(selection.Node));
                return null;
        }
    }

    /// <summary>In a CSV row without a <c>vars</c> column every ordinary column is a variable, as in promptfoo.</summary>
    private static JsonObject? CsvVars(RowScope scope)
    {
        if (scope.Fields.ContainsKey("vars"))
        {
            return null;
        }

        var vars = new JsonObject();
        foreach (var field in scope.Fields)
        {
            if (field.Value is not null && !field.Key.StartsWith("__", StringComparison.Ordinal))
            {
                vars[field.Key] = field.Value.DeepClone();
            }
        }

        return vars;
    }

    private List<MetricSpec> ReadAssertions(RowScope scope)
    {
        var specs = new List<MetricSpec>();
        var selection = scope.Select("assert");
        if (!selection.Found && selection.Explicit)
        {
            scope.Missing(selection);
        }
        else if (selection.Node is not null)
        {
            var list = JsonConfigNode.Convert(selection.Node, scope.Row, scope.Row.Location);
            if (list.Kind != ConfigNodeKind.Sequence)
            {
                scope.Invalid(selection, selection.Node,
                    "expected a list of metrics such as [{ \"type\": \"contains\", \"value\": \"refund\" }], found " + RowScope.Describe(selection.Node));
            }
            else
            {
                for (var i = 0; i < list.Items.Count; i++)
                {
                    Add(options.Assertions.Parse(list.Items[i], selection.Path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]",
                        options.JudgeConfigured, scope.Errors));
                }
            }
        }

        if (format == DatasetFormat.Csv)
        {
            foreach (var field in scope.Fields)
            {
                if (CsvExpectedColumn.IsExpectedColumn(field.Key) && JsonFieldPath.AsText(field.Value) is { } cell)
                {
                    Add(options.Assertions.Parse(CsvExpectedColumn.ToMetric(cell, scope.Row.Location, options.Assertions), field.Key,
                        options.JudgeConfigured, scope.Errors));
                }
            }
        }

        return specs;

        void Add(MetricSpec? spec)
        {
            if (spec is not null)
            {
                specs.Add(spec);
            }
        }
    }

    private void CheckOutput(RowScope scope)
    {
        if (options.OutputField is { } output && !JsonFieldPath.TrySelect(scope.Fields, output, out _))
        {
            scope.Errors.Add(new ConfigError(ConfigErrorCode.MappedFieldMissing, scope.Row.Location, "target.output (" + output + ")",
                "the row has no '" + output + "'; every row needs the output field named by 'target: { output: ... }' (" + scope.PresentKeys() + ")"));
        }
    }

    /// <summary>A row's case id and where it came from.</summary>
    private sealed record CaseId(string Value, bool Hashed, SourceLocation Location, string Label);
}
