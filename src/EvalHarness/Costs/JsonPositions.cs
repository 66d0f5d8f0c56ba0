using System.Text;
using System.Text.Json;
using EvalHarness.Suites;

namespace EvalHarness.Costs;

/// <summary>
/// Finds where a value sits in a JSON text, so an error about a field can name its line and column. System.Text.Json keeps no positions
/// on parsed elements; this rescans the text only when an error is reported.
/// </summary>
internal static class JsonPositions
{
    /// <summary>The location of the member or item at <paramref name="path"/> (property names and array indexes), or of the nearest ancestor found.</summary>
    public static SourceLocation Find(byte[] utf8, string file, IReadOnlyList<object> path)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var current = new List<object>();
        var indexes = new Stack<int>();
        var isArray = new Stack<bool>();
        var best = (Depth: -1, Offset: 0L);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        Set(current, isArray.Count - 1, reader.GetString()!);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        isArray.Pop();
                        indexes.Pop();
                        Truncate(current, isArray.Count);
                        continue;
                    default:
                        if (isArray.Count > 0 && isArray.Peek())
                        {
                            var index = indexes.Pop() + 1;
                            indexes.Push(index);
                            Set(current, isArray.Count - 1, index);
                        }

                        break;
                }

                var matched = Matched(current, path);
                if (matched > best.Depth && (reader.TokenType == JsonTokenType.PropertyName || !(isArray.Count > 0 && !isArray.Peek())))
                {
                    best = (matched, reader.TokenStartIndex);
                    if (matched == path.Count && current.Count == path.Count)
                    {
                        break;
                    }
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    isArray.Push(reader.TokenType == JsonTokenType.StartArray);
                    indexes.Push(-1);
                }
            }
        }
        catch (JsonException)
        {
            // A syntax error after the field: the best match so far is still the right place.
        }

        return At(utf8, file, best.Offset);
    }

    /// <summary>The 1-based line and column of a byte offset.</summary>
    public static SourceLocation At(byte[] utf8, string file, long offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = Encoding.UTF8.GetCharCount(utf8, lineStart, (int)Math.Min(offset, utf8.Length) - lineStart) + 1;
        return new SourceLocation(file, line, column);
    }

    /// <summary>The location and message of a syntax error, without System.Text.Json's position suffix.</summary>
    public static ConfigError SyntaxError(JsonException ex, string file, string what)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        message = (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
        var location = new SourceLocation(file, (int)(ex.LineNumber ?? -1) + 1, (int)(ex.BytePositionInLine ?? 0) + 1);
        return new ConfigError(ConfigErrorCode.InvalidValue, location, string.Empty, what + " is not valid JSON: " + message);
    }

    /// <summary>A path written the way errors show fields: <c>models.gpt-4o.input</c>, <c>suites[0].cases[2].id</c>.</summary>
    public static string Display(IReadOnlyList<object> path)
    {
        var text = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment is int index)
            {
                text.Append('[').Append(index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                text.Append(text.Length == 0 ? string.Empty : ".").Append(segment);
            }
        }

        return text.ToString();
    }

    private static void Set(List<object> path, int depth, object segment)
    {
        Truncate(path, depth);
        path.Add(segment);
    }

    private static void Truncate(List<object> path, int count)
    {
        if (path.Count > count)
        {
            path.RemoveRange(count, path.Count - count);
        }
    }

    private static int Matched(List<object> current, IReadOnlyList<object> path)
    {
        var n = 0;
        while (n < current.Count && n < path.Count && Equals(current[n], path[n]))
        {
            n++;
        }

        return n == current.Count ? n : -1;
    }
}
