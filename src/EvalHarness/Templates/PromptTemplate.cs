using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EvalHarness.Datasets;
using EvalHarness.Suites;

namespace EvalHarness.Templates;

/// <summary>
/// A prompt with <c>{{name}}</c> placeholders over a case's mapped fields, as promptfoo users write them:
/// <c>{{input}}</c>, <c>{{expected}}</c>, <c>{{context}}</c>, <c>{{id}}</c>, <c>{{vars.x}}</c> and <c>{{metadata.x}}</c>.
/// </summary>
/// <remarks>
/// Unknown placeholder names are load-time errors (<see cref="ConfigErrorCode.UnknownPlaceholder"/>) located in the template's file.
/// A <c>vars.x</c> the case lacks is that case's <see cref="Verdict.Error"/>, since vars differ per row. Context passages are joined
/// by a blank line. White space inside braces is allowed (<c>{{ input }}</c>). Compiled into the analyzer too (netstandard2.0).
/// </remarks>
public sealed class PromptTemplate
{
    private readonly List<(string? Literal, string? Placeholder)> _parts = [];

    private PromptTemplate(string text) => Text = text;

    /// <summary>The template's source text.</summary>
    public string Text { get; }

    /// <summary>The placeholder names used, in order of first use.</summary>
    public IReadOnlyList<string> Placeholders => _parts.Where(p => p.Placeholder is not null).Select(p => p.Placeholder!).Distinct().ToArray();

    /// <summary>Parses a template.</summary>
    /// <param name="text">The template text.</param>
    /// <param name="file">The file errors point at (the template file, or the suite file for an inline template).</param>
    /// <param name="firstLine">The line of <paramref name="file"/> where the text starts.</param>
    /// <param name="field">The suite key the template came from, for example <c>target.prompt</c>.</param>
    /// <param name="errors">Receives unknown-placeholder errors.</param>
    public static PromptTemplate Parse(string text, string file, int firstLine, string field, ICollection<ConfigError> errors)
    {
        var template = new PromptTemplate(text);
        var position = 0;
        foreach (Match match in PlaceholderPattern().Matches(text))
        {
            template._parts.Add((text[position..match.Index], null));
            var name = match.Groups[1].Value;
            if (!IsKnown(name))
            {
                var before = text[..match.Index];
                var line = firstLine + before.Count(c => c == '\n');
                var column = match.Index - (before.LastIndexOf('\n') + 1) + 1;
                errors.Add(new ConfigError(ConfigErrorCode.UnknownPlaceholder, new SourceLocation(file, line, column), field,
                    "unknown placeholder '{{" + name + "}}'; use input, expected, context, id, vars.<name> or metadata.<name>"));
            }

            template._parts.Add((null, name));
            position = match.Index + match.Length;
        }

        template._parts.Add((text[position..], null));
        return template;
    }

    /// <summary>Renders the template for one case.</summary>
    /// <exception cref="TemplateRenderException">The case lacks a <c>vars.x</c> or <c>metadata.x</c> the template uses.</exception>
    public string Render(EvalCase @case)
    {
        var builder = new StringBuilder(Text.Length + @case.Input.Length);
        foreach (var (literal, placeholder) in _parts)
        {
            builder.Append(literal ?? Resolve(@case, placeholder!));
        }

        return builder.ToString();
    }

    private static bool IsKnown(string name) =>
        name is "input" or "expected" or "context" or "id" ||
        (name.StartsWith("vars.", StringComparison.Ordinal) && name.Length > 5) ||
        (name.StartsWith("metadata.", StringComparison.Ordinal) && name.Length > 9);

    private static string Resolve(EvalCase @case, string name)
    {
        switch (name)
        {
            case "input": return @case.Input;
            case "expected": return @case.Expected ?? string.Empty;
            case "context": return string.Join("\n\n", @case.Context);
            case "id": return @case.Id;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        JsonObject source = name[..dot] == "vars" ? @case.Vars : @case.Metadata;
        if (!JsonFieldPath.TrySelect(source, name[(dot + 1)..], out var matches) || matches.Count != 1)
        {
            throw new TemplateRenderException("the prompt uses {{" + name + "}} but case '" + @case.Id + "' (" + @case.Source + ") has no such value");
        }

        return JsonFieldPath.AsText(matches[0]) ?? string.Empty;
    }

    // A plain Regex rather than [GeneratedRegex]: this file is also compiled into the netstandard2.0 analyzer.
    private static readonly Regex Placeholder = new(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.\-\[\]*]*)\s*\}\}", RegexOptions.CultureInvariant);

    private static Regex PlaceholderPattern() => Placeholder;
}
