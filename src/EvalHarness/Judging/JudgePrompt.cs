using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EvalHarness.Suites;

namespace EvalHarness.Judging;

/// <summary>
/// A judge prompt: a built-in file or a suite's own, with <c>{{name}}</c> placeholders filled per case. Its text is hashed into
/// provenance and (with the metric version) into every judge call's recording key, so editing a prompt re-records, never replays stale answers.
/// </summary>
/// <remarks>
/// Placeholders: <c>{{input}}</c>, <c>{{output}}</c>, <c>{{expected}}</c>, <c>{{context}}</c> (numbered passages), <c>{{criteria}}</c>,
/// <c>{{steps}}</c>, <c>{{conversation}}</c>, <c>{{response_a}}</c>, <c>{{response_b}}</c>, <c>{{id}}</c>, <c>{{problem}}</c>,
/// <c>{{format}}</c>, <c>{{vars.x}}</c> and <c>{{metadata.x}}</c>; any other name is a load-time error (EVH014) at its line and column.
/// A value the case lacks renders as <c>(none)</c>. Line ends are normalised to LF before hashing, so a checkout's line ends do not matter.
/// </remarks>
public sealed partial class JudgePrompt
{
    /// <summary>What an absent value renders as.</summary>
    public const string None = "(none)";

    private static readonly string[] Names =
        ["input", "output", "expected", "context", "criteria", "steps", "conversation", "response_a", "response_b", "id", "problem", "format"];

    private readonly List<(string? Literal, string? Placeholder)> _parts;

    private JudgePrompt(string source, string text, List<(string?, string?)> parts)
    {
        Source = source;
        Text = text;
        _parts = parts;
        Hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Where the prompt came from: <c>built-in:relevance.md</c>, or the override file's path as the suite wrote it.</summary>
    public string Source { get; }

    /// <summary>The prompt's text (LF line ends).</summary>
    public string Text { get; }

    /// <summary>The <c>sha256:</c> hash of <see cref="Text"/>.</summary>
    public string Hash { get; }

    /// <summary>The placeholder names used, in order of first use.</summary>
    public IReadOnlyList<string> Placeholders => _parts.Where(p => p.Placeholder is not null).Select(p => p.Placeholder!).Distinct().ToArray();

    /// <summary>A built-in prompt (<see cref="JudgePromptLibrary.Names"/>).</summary>
    /// <exception cref="ArgumentException">No built-in prompt has that name.</exception>
    public static JudgePrompt BuiltIn(string name)
    {
        var errors = new List<ConfigError>();
        var prompt = Parse(JudgePromptLibrary.Read(name), "built-in:" + name, name, "prompt", errors);
        return errors.Count == 0 ? prompt : throw new InvalidOperationException("built-in prompt " + name + " is invalid: " + errors[0]);
    }

    /// <summary>Parses prompt text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="source">Where it came from, for provenance (<see cref="Source"/>).</param>
    /// <param name="file">The file errors point at.</param>
    /// <param name="field">The suite field that named the prompt, for example <c>metrics[2].relevance.prompt</c>.</param>
    /// <param name="errors">Receives an EVH014 error per unknown placeholder.</param>
    public static JudgePrompt Parse(string text, string source, string file, string field, ICollection<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        text = text.ReplaceLineEndings("\n");
        var parts = new List<(string?, string?)>();
        var position = 0;
        foreach (Match match in PlaceholderPattern().Matches(text))
        {
            parts.Add((text[position..match.Index], null));
            var name = match.Groups[1].Value;
            if (!IsKnown(name))
            {
                var before = text[..match.Index];
                var line = 1 + before.Count(c => c == '\n');
                var column = match.Index - (before.LastIndexOf('\n') + 1) + 1;
                errors.Add(new ConfigError(ConfigErrorCode.UnknownPlaceholder, new SourceLocation(file, line, column), field,
                    "unknown placeholder '{{" + name + "}}' in a judge prompt; use " + string.Join(", ", Names) + ", vars.<name> or metadata.<name>"));
            }

            parts.Add((null, name));
            position = match.Index + match.Length;
        }

        parts.Add((text[position..], null));
        return new JudgePrompt(source, text, parts);
    }

    /// <summary>Renders the prompt: each placeholder becomes its value from <paramref name="values"/>, or <see cref="None"/> when absent, null or blank.</summary>
    /// <param name="values">Placeholder values by name (<c>vars.x</c> and <c>metadata.x</c> under those full names).</param>
    public string Render(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder(Text.Length * 2);
        foreach (var (literal, placeholder) in _parts)
        {
            builder.Append(literal ?? (values.TryGetValue(placeholder!, out var value) && !string.IsNullOrWhiteSpace(value) ? value : None));
        }

        return builder.ToString();
    }

    /// <summary>Numbers context passages for a prompt (<c>[1] first</c>, blank line, <c>[2] second</c>); null when there are none.</summary>
    public static string? FormatContext(IReadOnlyList<string> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        return passages.Count == 0 ? null
            : string.Join("\n\n", passages.Select((p, i) => "[" + (i + 1).ToString(CultureInfo.InvariantCulture) + "] " + p));
    }

    private static bool IsKnown(string name) =>
        Names.Contains(name, StringComparer.Ordinal) ||
        (name.StartsWith("vars.", StringComparison.Ordinal) && name.Length > 5) ||
        (name.StartsWith("metadata.", StringComparison.Ordinal) && name.Length > 9);

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.\-\[\]*]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
