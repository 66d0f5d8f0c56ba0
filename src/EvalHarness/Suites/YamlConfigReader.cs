using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EvalHarness.Suites;

/// <summary>Reads YAML text into a <see cref="ConfigNode"/> tree, turning syntax errors into <see cref="ConfigError"/>s.</summary>
/// <remarks>Compiled into the build-time analyzer too: netstandard2.0 APIs only.</remarks>
public static class YamlConfigReader
{
    /// <summary>Parses <paramref name="text"/>; returns null and adds an error when it is not valid YAML.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="file">The file path used in locations.</param>
    /// <param name="errors">Receives the syntax error, if any.</param>
    public static ConfigNode? Read(string text, string file, ICollection<ConfigError> errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException) when (QuoteBracketPaths(text) is { } quoted && TryLoad(quoted) is { } retried)
        {
            // 'context: docs[*].text' inside '{ }' is not valid YAML (flow indicators in a plain scalar), yet it is how the
            // documented mapping syntax reads; such paths are quoted and the file parsed again.
            stream = retried;
        }
        catch (YamlException ex)
        {
            var location = new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column);
            var message = ex.InnerException is null ? ex.Message : ex.Message + " " + ex.InnerException.Message;
            errors.Add(new ConfigError(ConfigErrorCode.YamlSyntax, location, string.Empty, "YAML syntax error: " + Clean(message)));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some unclosed flow collections ('{ a: b' then more lines).
            var mark = LastParsedMark(text);
            errors.Add(new ConfigError(ConfigErrorCode.YamlSyntax, new SourceLocation(file, Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column)),
                string.Empty, "YAML syntax error: the text after this point cannot be read; an unclosed '{' or '[' is the usual cause"));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            return ConfigNode.Null(new SourceLocation(file, 1, 1));
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            errors.Add(new ConfigError(ConfigErrorCode.YamlSyntax, new SourceLocation(file, (int)second.Line, (int)second.Column),
                string.Empty, "a suite file holds exactly one YAML document; remove the second '---' document"));
        }

        return Convert(stream.Documents[0].RootNode, file, errors);
    }

    private static ConfigNode Convert(YamlNode node, string file, ICollection<ConfigError> errors)
    {
        var location = new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlScalarNode scalar:
            {
                var value = scalar.Value ?? string.Empty;
                var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                if (!quoted && (value.Length == 0 || value == "~" || string.Equals(value, "null", StringComparison.OrdinalIgnoreCase)))
                {
                    return ConfigNode.Null(location);
                }

                return ConfigNode.FromScalar(value, location, quoted);
            }

            case YamlSequenceNode sequence:
            {
                var items = new List<ConfigNode>(sequence.Children.Count);
                foreach (var child in sequence.Children)
                {
                    items.Add(Convert(child, file, errors));
                }

                return ConfigNode.FromSequence(items, location);
            }

            case YamlMappingNode mapping:
            {
                var entries = new List<KeyValuePair<string, ConfigNode>>(mapping.Children.Count);
                var keyLocations = new List<SourceLocation>(mapping.Children.Count);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var child in mapping.Children)
                {
                    var keyLocation = new SourceLocation(file, (int)child.Key.Start.Line, (int)child.Key.Start.Column);
                    if (child.Key is not YamlScalarNode keyScalar || keyScalar.Value is null)
                    {
                        errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, keyLocation, string.Empty, "mapping keys must be plain strings"));
                        continue;
                    }

                    if (!seen.Add(keyScalar.Value))
                    {
                        errors.Add(new ConfigError(ConfigErrorCode.YamlSyntax, keyLocation, keyScalar.Value, "duplicate key"));
                        continue;
                    }

                    entries.Add(new KeyValuePair<string, ConfigNode>(keyScalar.Value, Convert(child.Value, file, errors)));
                    keyLocations.Add(keyLocation);
                }

                return ConfigNode.FromMapping(entries, location, keyLocations);
            }

            default:
                errors.Add(new ConfigError(ConfigErrorCode.YamlSyntax, location, string.Empty, "aliases and anchors are not supported in suite files"));
                return ConfigNode.Null(location);
        }
    }

    private static YamlStream? TryLoad(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            return stream;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            return null;
        }
    }

    // Where the last YAML event that could be read ends: the best location for an error YamlDotNet reports without one.
    private static Mark LastParsedMark(string text)
    {
        var parser = new Parser(new StringReader(text));
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current!.End;
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // Reading stops at the fault; 'last' is where it was.
        }

        return last;
    }

    private static string? QuoteBracketPaths(string text)
    {
        var quoted = System.Text.RegularExpressions.Regex.Replace(text,
            @"(?<=[{,]\s*[A-Za-z_][A-Za-z0-9_-]*:\s*)([A-Za-z_][A-Za-z0-9_.-]*\[[0-9*]+\][A-Za-z0-9_.\[\]*-]*)(?=\s*[,}])", "\"$1\"");
        return string.Equals(quoted, text, StringComparison.Ordinal) ? null : quoted;
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (Line: ...): "; the location is reported separately.
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message.Substring(marker + 3) : message;
    }
}
