using System.Globalization;
using System.Text;

namespace EvalHarness.Cli.GitHub;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…::message</c>), escaped as the Actions toolkit escapes them: data gets
/// <c>%</c>, CR and LF encoded; property values also <c>:</c> and <c>,</c>. A model output can therefore never end the line and inject
/// another command.
/// </summary>
internal static class WorkflowCommand
{
    public static string Annotation(Annotation annotation)
    {
        var properties = new List<(string Name, string Value)>();
        if (annotation.File is { Length: > 0 } file)
        {
            properties.Add(("file", file));
            if (annotation.Line > 0)
            {
                properties.Add(("line", annotation.Line.ToString(CultureInfo.InvariantCulture)));
            }

            if (annotation.Column > 0)
            {
                properties.Add(("col", annotation.Column.ToString(CultureInfo.InvariantCulture)));
            }
        }

        if (annotation.Title is { Length: > 0 } title)
        {
            properties.Add(("title", title));
        }

        return Format(annotation.Level.ToString().ToLowerInvariant(), properties, annotation.Message);
    }

    public static string Format(string command, IReadOnlyList<(string Name, string Value)> properties, string message)
    {
        var text = new StringBuilder("::").Append(command);
        for (var i = 0; i < properties.Count; i++)
        {
            text.Append(i == 0 ? ' ' : ',').Append(properties[i].Name).Append('=').Append(EscapeProperty(properties[i].Value));
        }

        return text.Append("::").Append(EscapeData(message)).ToString();
    }

    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
