using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EvalHarness.Suites;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EvalHarness.Datasets;

/// <summary>
/// Streams the items of a YAML dataset (one document holding a list of mappings) from parser events, one item at a
/// time, so a large file is never held in memory whole.
/// </summary>
/// <remarks>
/// Plain scalars follow the YAML 1.2 core schema for null (<c>~</c>, <c>null</c>, empty) and booleans; a plain scalar
/// that is a JSON number becomes a number (its text kept as written); everything else, including <c>007</c> or
/// <c>+1</c>, stays text so ids are never rewritten. Anchors and aliases are supported, also across items. A syntax
/// error ends the file: it is reported at its line, and nothing after it can be read.
/// </remarks>
internal sealed class YamlRowReader
{
    private const int MaxDepth = 64;

    private readonly IParser _parser;
    private readonly string _file;
    private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);
    private bool _finished;

    private YamlRowReader(TextReader text, string file)
    {
        _parser = new Parser(text);
        _file = file;
    }

    public static IEnumerable<DatasetRow> Read(TextReader text, string file)
    {
        var reader = new YamlRowReader(text, file);
        while (reader.Next() is { } row)
        {
            yield return row;
        }
    }

    private static readonly Regex JsonNumberPattern = new(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    private static Regex JsonNumber() => JsonNumberPattern;

    private DatasetRow? Next()
    {
        if (_finished)
        {
            return null;
        }

        try
        {
            if (_parser.Current is null)
            {
                var error = Start();
                if (error is not null || _finished)
                {
                    _finished = true;
                    return error;
                }
            }

            if (_parser.TryConsume<SequenceEnd>(out _))
            {
                _finished = true;
                return End();
            }

            return ReadItem();
        }
        catch (YamlException ex)
        {
            _finished = true;
            var location = new SourceLocation(_file, (int)ex.Start.Line, (int)ex.Start.Column);
            return DatasetRow.Failed(location, new ConfigError(ConfigErrorCode.MalformedDatasetLine, location, string.Empty,
                "YAML syntax error: " + Clean(ex.Message)));
        }
    }

    /// <summary>Moves to the first item; sets <see cref="_finished"/> for an empty file, returns an error when the document is not a list.</summary>
    private DatasetRow? Start()
    {
        _parser.Consume<StreamStart>();
        if (_parser.Accept<StreamEnd>(out _))
        {
            _finished = true;
            return null;
        }

        _parser.Consume<DocumentStart>();
        var root = _parser.Current!;
        if (root is Scalar { Style: ScalarStyle.Plain, Value.Length: 0 })
        {
            _finished = true;
            return null;
        }

        if (root is not SequenceStart)
        {
            var location = At(root.Start);
            return DatasetRow.Failed(location, new ConfigError(ConfigErrorCode.MalformedDatasetLine, location, string.Empty,
                "a YAML dataset is a list of rows, one per case ('- input: ...'); found " + Describe(root)));
        }

        _parser.MoveNext();
        return null;
    }

    private DatasetRow? End()
    {
        _parser.Consume<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var second))
        {
            var location = At(second.Start);
            return DatasetRow.Failed(location, new ConfigError(ConfigErrorCode.MalformedDatasetLine, location, string.Empty,
                "a YAML dataset holds one document; put every row in the first list and remove the second '---'"));
        }

        return null;
    }

    private DatasetRow ReadItem()
    {
        var errors = new List<ConfigError>();
        var positions = new Dictionary<JsonNode, SourceLocation>(ReferenceEqualityComparer.Instance);
        var start = At(_parser.Current!.Start);
        var value = ReadNode(errors, positions, 0);
        return new DatasetRow(start, value, errors, node => positions.TryGetValue(node, out var location) ? location : null);
    }

    private JsonNode? ReadNode(List<ConfigError> errors, Dictionary<JsonNode, SourceLocation> positions, int depth)
    {
        var current = _parser.Current!;
        var location = At(current.Start);
        if (depth > MaxDepth)
        {
            errors.Add(new ConfigError(ConfigErrorCode.MalformedDatasetLine, location, string.Empty,
                "values are nested more than " + MaxDepth + " levels deep"));
            _parser.SkipThisAndNestedEvents();
            return null;
        }

        JsonNode? node;
        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    errors.Add(new ConfigError(ConfigErrorCode.MalformedDatasetLine, location, string.Empty,
                        "alias '*" + alias.Value.Value + "' names no anchor defined before it"));
                }

                node = anchored?.DeepClone();
                break;
            case Scalar scalar:
                _parser.MoveNext();
                node = Resolve(scalar);
                break;
            case SequenceStart:
                _parser.MoveNext();
                var array = new JsonArray();
                while (!_parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode(errors, positions, depth + 1));
                }

                node = array;
                break;
            default:
                _parser.Consume<MappingStart>();
                var obj = new JsonObject();
                while (!_parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = _parser.Current!;
                    if (keyEvent is not Scalar key)
                    {
                        errors.Add(new ConfigError(ConfigErrorCode.MalformedDatasetLine, At(keyEvent.Start), string.Empty,
                            "mapping keys must be plain text"));
                        _parser.SkipThisAndNestedEvents();
                        _parser.SkipThisAndNestedEvents();
                        continue;
                    }

                    _parser.MoveNext();
                    var child = ReadNode(errors, positions, depth + 1);
                    if (!obj.TryAdd(key.Value, child))
                    {
                        errors.Add(new ConfigError(ConfigErrorCode.MalformedDatasetLine, At(key.Start), key.Value,
                            "the key appears twice in this mapping; keep one"));
                    }
                }

                node = obj;
                break;
        }

        if (current is NodeEvent { Anchor.IsEmpty: false } anchor)
        {
            _anchors[anchor.Anchor.Value] = node;
        }

        if (node is not null)
        {
            positions[node] = location;
        }

        return node;
    }

    private static JsonNode? Resolve(Scalar scalar)
    {
        var text = scalar.Value;
        var plain = scalar.Style == ScalarStyle.Plain && (scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific);
        if (!plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        return JsonNumber().IsMatch(text) ? JsonNode.Parse(text) : JsonValue.Create(text);
    }

    private SourceLocation At(Mark mark) => new(_file, (int)mark.Line, (int)mark.Column);

    private static string Describe(ParsingEvent root) => root switch
    {
        MappingStart => "a mapping; write the rows as a list, each starting with '- '",
        Scalar => "a single value",
        _ => "something else",
    };

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (Line: ...): "; the location is reported separately.
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(marker + 3)..] : message;
    }
}
