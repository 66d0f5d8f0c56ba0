namespace EvalHarness.Judging;

/// <summary>The judge prompts shipped inside the package (<c>Judging/Prompts/*.md</c>), for reading, copying and overriding.</summary>
/// <example>
/// Start a suite's own prompt from the built-in one:
/// <code>File.WriteAllText("eval-suites/faq/prompts/relevance.md", JudgePromptLibrary.Read("relevance.md"));</code>
/// then name it in the suite: <c>- relevance: { prompt: prompts/relevance.md }</c>.
/// </example>
public static class JudgePromptLibrary
{
    private const string Prefix = "EvalHarness.Judging.Prompts.";

    /// <summary>The file names of the built-in prompts (for example <c>relevance.md</c>), sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(JudgePromptLibrary).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The text of a built-in prompt, with LF line ends.</summary>
    /// <exception cref="ArgumentException">No built-in prompt has that name.</exception>
    public static string Read(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var stream = typeof(JudgePromptLibrary).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new ArgumentException("no built-in judge prompt named '" + name + "'; built-in: " + string.Join(", ", Names), nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
