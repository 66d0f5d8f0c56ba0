using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Suites;

namespace EvalHarness.Datasets;

/// <summary>Parses one JSON Lines row into a <see cref="JsonNode"/>, remembering the column of every value for error messages.</summary>
/// <remarks>
/// Built on <see cref="Utf8JsonReader"/> because <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>
/// keeps no positions and accepts repeated keys only to fail later.
/// </remarks>
internal sealed class JsonLineParser
{
    private const int MaxDepth = 64;

    private readonly byte[] _utf8;
    private readonly string _file;
    private readonly int _line;
    private readonly Dictionary<JsonNode, long> _offsets = new(ReferenceEqualityComparer.Instance);
    private readonly List<ConfigError> _errors = [];

    private JsonLineParser(string text, string file, int line)
    {
        _utf8 = Encoding.UTF8.GetBytes(text);
        _file = file;
        _line = line;
    }

    public static DatasetRow Parse(string text, string file, int line) => new JsonLineParser(text, file, line).Parse();

    private DatasetRow Parse()
    {
        var reader = new Utf8JsonReader(_utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            reader.Read();
            var start = reader.TokenStartIndex;
            var value = ReadValue(ref reader);

            // Reading past the value makes the reader reject anything but whitespace after it.
            reader.Read();
            return new DatasetRow(At(start), value, _errors, Locate);
        }
        catch (JsonException ex)
        {
            var incomplete = IsIncomplete();
            var offset = incomplete ? _utf8.Length : ex.BytePositionInLine ?? 0;
            return DatasetRow.Failed(At(0), new ConfigError(ConfigErrorCode.MalformedDatasetLine, At(offset), string.Empty, Describe(ex, incomplete)));
        }
        catch (InvalidOperationException)
        {
            // GetString throws this for escapes that do not form valid UTF-16, such as a lone "\ud800".
            return DatasetRow.Failed(At(0), new ConfigError(ConfigErrorCode.MalformedDatasetLine, At(reader.TokenStartIndex), string.Empty,
                "invalid JSON: a \\u escape in this text is half of a UTF-16 surrogate pair; write the character itself or both halves"));
        }
    }

    private JsonNode? ReadValue(ref Utf8JsonReader reader)
    {
        var offset = reader.TokenStartIndex;
        JsonNode? node;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var keyOffset = reader.TokenStartIndex;
                    var key = reader.GetString()!;
                    reader.Read();
                    var child = ReadValue(ref reader);
                    if (!obj.TryAdd(key, child))
                    {
                        _errors.Add(new ConfigError(ConfigErrorCode.MalformedDatasetLine, At(keyOffset), key,
                            "the key appears twice in this object; keep one"));
                    }
                }

                node = obj;
                break;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadValue(ref reader));
                }

                node = array;
                break;
            case JsonTokenType.String:
                node = JsonValue.Create(reader.GetString()!);
                break;
            case JsonTokenType.Number:
                // An element-backed value keeps the number's text as written ("1.0" stays "1.0").
                node = JsonValue.Create(JsonElement.ParseValue(ref reader));
                break;
            case JsonTokenType.True:
            case JsonTokenType.False:
                node = JsonValue.Create(reader.GetBoolean());
                break;
            default:
                return null;
        }

        if (node is not null)
        {
            _offsets[node] = offset;
        }

        return node;
    }

    private SourceLocation? Locate(JsonNode node) => _offsets.TryGetValue(node, out var offset) ? At(offset) : null;

    private SourceLocation At(long byteOffset)
    {
        // Columns count characters, not UTF-8 bytes, as editors do.
        var bytes = (int)Math.Min(Math.Max(byteOffset, 0), _utf8.Length);
        return new SourceLocation(_file, _line, Encoding.UTF8.GetCharCount(_utf8, 0, bytes) + 1);
    }

    /// <summary>True when the line is valid JSON so far but ends too early, as the first line of a pretty-printed object does.</summary>
    private bool IsIncomplete()
    {
        var reader = new Utf8JsonReader(_utf8, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth }));
        try
        {
            while (reader.Read())
            {
            }

            return reader.CurrentDepth > 0 || reader.TokenType is JsonTokenType.None or JsonTokenType.PropertyName;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Describe(JsonException ex, bool incomplete)
    {
        if (incomplete)
        {
            return "invalid JSON: the line ends before the value does; in JSON Lines each line holds one whole object";
        }

        // The exception's position is reported as the location; drop it from the text.
        var message = ex.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return "invalid JSON: " + (position >= 0 ? message[..position] : message);
    }
}
