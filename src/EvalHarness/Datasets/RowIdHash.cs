using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvalHarness.Datasets;

/// <summary>
/// A fixed text form of a row, so that a row without an id gets the same id on every run, machine and .NET version:
/// keys sorted by ordinal, no whitespace, numbers as written, strings escaped only where JSON requires it.
/// </summary>
/// <remarks>Written by hand because the System.Text.Json encoders may change what they escape between releases.</remarks>
internal static class RowIdHash
{
    /// <summary>The first 12 hex digits of the SHA-256 of the row's canonical UTF-8 text.</summary>
    public static string HashId(JsonNode? row)
    {
        var text = new StringBuilder();
        Write(row, text);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash, 0, 6);
    }

    public static void Write(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var entry in obj.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? string.Empty : ",");
                    first = false;
                    WriteString(entry.Key, text);
                    text.Append(':');
                    Write(entry.Value, text);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? string.Empty : ",");
                    Write(array[i], text);
                }

                text.Append(']');
                break;
            default:
                var value = node.AsValue();
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteString(value.GetValue<string>(), text);
                        break;
                    default:
                        // Numbers keep their text as written; true and false are already canonical.
                        text.Append(value.ToJsonString());
                        break;
                }

                break;
        }
    }

    private static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case < ' ':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }
}
