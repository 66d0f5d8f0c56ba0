using System.Text.Json.Nodes;
using EvalHarness.Suites;

namespace EvalHarness.Metrics.Json;

/// <summary>
/// Finds JSON objects inside prose the way promptfoo's <c>extractJsonObjects</c> does: from each <c>{</c>, grow the candidate
/// to each point where the braces balance (braces inside strings count too) and parse it leniently as YAML with <c>//</c>
/// comments dropped; at the end of the text missing closing braces are added. Arrays alone are not found.
/// </summary>
internal static class JsonInProse
{
    private const int MaxObjectLength = 100_000;

    public static List<JsonNode> Extract(string text)
    {
        var found = new List<JsonNode>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '{')
            {
                continue;
            }

            var open = 1;
            var close = 0;
            var j = i + 1;
            var limit = Math.Min(i + MaxObjectLength, text.Length);
            while (j < limit && open > close)
            {
                if (text[j] == '{')
                {
                    open++;
                }
                else if (text[j] == '}')
                {
                    close++;
                }

                j++;
                if (open != close && j != text.Length && j != i + MaxObjectLength)
                {
                    continue;
                }

                var candidate = text.AsSpan(i, j - i);
                if (TryParseObject(candidate, open - close, out var value))
                {
                    found.Add(value);
                    i = j - 1;
                    break;
                }

                if (open == close)
                {
                    break;
                }
            }
        }

        return found;
    }

    private static bool TryParseObject(ReadOnlySpan<char> candidate, int missingBraces, out JsonNode value)
    {
        var text = missingBraces > 0 ? string.Concat(candidate, new string('}', missingBraces)) : candidate.ToString();
        if (JsonText.TryParse(text, out var strict, out _) && strict is JsonObject strictObject)
        {
            value = strictObject;
            return true;
        }

        var errors = new List<ConfigError>();
        var node = YamlConfigReader.Read(DropSlashComments(text), string.Empty, errors);
        if (errors.Count == 0 && node is { Kind: ConfigNodeKind.Mapping } && ConfigJson.ToJson(node) is JsonObject lenient)
        {
            value = lenient;
            return true;
        }

        value = null!;
        return false;
    }

    // promptfoo turns "// comment" outside quotes into a YAML "# comment" (keeping "://" in URLs) before parsing.
    private static string DropSlashComments(string text)
    {
        if (!text.Contains("//", StringComparison.Ordinal))
        {
            return text;
        }

        return string.Join('\n', text.Split('\n').Select(DropSlashComment));
    }

    private static string DropSlashComment(string line)
    {
        var state = 'n';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var previous = i > 0 ? line[i - 1] : '\0';
            var next = i + 1 < line.Length ? line[i + 1] : '\0';
            switch (state)
            {
                case 'n' when c == '\'' && !char.IsAsciiLetter(previous):
                    state = '\'';
                    break;
                case 'n' when c == '"':
                    state = '"';
                    break;
                case 'n' when c == '/' && next == '/':
                    var tokenStart = i;
                    while (tokenStart > 0 && !Text.JsText.IsWhiteSpace(line[tokenStart - 1]))
                    {
                        tokenStart--;
                    }

                    if (line.AsSpan(tokenStart, i + 2 - tokenStart).Contains("://", StringComparison.Ordinal))
                    {
                        break;
                    }

                    var slashes = 2;
                    while (i + slashes < line.Length && line[i + slashes] == '/')
                    {
                        slashes++;
                    }

                    return string.Concat(line.AsSpan(0, i), new string('#', slashes / 2), line.AsSpan(i + slashes));
                case '\'' when c == '\'' && !Escaped(line, i) && !char.IsAsciiLetter(next):
                case '"' when c == '"' && !Escaped(line, i):
                    state = 'n';
                    break;
            }
        }

        return line;
    }

    private static bool Escaped(string line, int quote)
    {
        var backslashes = 0;
        for (var i = quote - 1; i >= 0 && line[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }
}
