using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EvalHarness.Cli.Scaffolding;

/// <summary>
/// The files <c>evalharness init</c> writes into an existing repository: <c>eval-suites/&lt;name&gt;/suite.yaml</c>, <c>datasets/&lt;name&gt;.jsonl</c>,
/// for a prompt target its prompt file, and for a C# target the <c>[EvalSuite]</c> class in the test project (whose project file gets
/// <c>EvalHarnessRoot</c> when it lives below the repository root).
/// </summary>
internal sealed partial class SuiteScaffold(string root, string name, ScaffoldTarget target, string? project)
{
    public string SuiteFile => Path.Combine(root, "eval-suites", name, "suite.yaml");

    public string DatasetFile => Path.Combine(root, "datasets", name + ".jsonl");

    public string PromptFile => Path.Combine(root, "eval-suites", name, "prompts", "answer.txt");

    public string? BindingFile => project is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(project))!, ClassName + ".cs");

    public string ClassName => string.Concat(Words().Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "Evals";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    public static partial Regex ValidName();

    /// <summary>Every file the scaffold writes (the project file it edits is not listed).</summary>
    public IReadOnlyList<string> Files =>
        [SuiteFile, DatasetFile, .. target == ScaffoldTarget.Prompt ? [PromptFile] : Array.Empty<string>(), .. BindingFile is { } b ? [b] : Array.Empty<string>()];

    public string SuiteText()
    {
        var text = new StringBuilder();
        text.Append("# Created by 'evalharness init'. Reference: README 'Suite file reference'; metrics: docs/metrics.md.\n");
        text.Append("name: ").Append(name).Append('\n');
        text.Append("description: Answers mention what a correct answer must mention.\n");
        text.Append("dataset: ../../datasets/").Append(name).Append(".jsonl\n");
        text.Append("mapping: { input: input, tags: tags }\n");
        switch (target)
        {
            case ScaffoldTarget.Output:
                text.Append("target: { output: output }                # answers already in the dataset; no model is called\n");
                break;
            case ScaffoldTarget.Prompt:
                text.Append("provider: { model: gpt-4o-mini }          # key from OPENAI_API_KEY; base_url for any OpenAI-compatible server\n");
                text.Append("target: { prompt: prompts/answer.txt, model: gpt-4o-mini, temperature: 0 }\n");
                break;
            default:
                text.Append("# No 'target:': the C# class ").Append(ClassName).Append(" answers each case.\n");
                break;
        }

        text.Append("metrics:\n");
        text.Append("  - icontains-all: { field: expected_keywords, metric: keywords }\n");
        text.Append("  - not-contains: { value: \"As an AI\" }\n");
        text.Append("gate:\n");
        text.Append("  min_pass_rate: 0.8\n");
        return text.ToString();
    }

    public string DatasetText()
    {
        (string Input, string Output, string Keyword, string Tag)[] rows =
        [
            ("How do I reset my password?", "Use 'Forgot password' on the sign-in page; we email you a reset link.", "reset link", "account"),
            ("Can I get a refund?", "Yes: you can request a refund within 30 days of purchase.", "30 days", "billing"),
            ("Do you have a mobile app?", "Yes, for iOS and Android; search for us in your app store.", "android", "product"),
        ];
        var text = new StringBuilder();
        for (var i = 0; i < rows.Length; i++)
        {
            var (input, output, keyword, tag) = rows[i];
            text.Append("{\"id\":\"").Append(name).Append('-').Append((i + 1).ToString("000", CultureInfo.InvariantCulture)).Append("\",\"input\":\"").Append(input).Append('"');
            if (target == ScaffoldTarget.Output)
            {
                text.Append(",\"output\":\"").Append(output).Append('"');
            }

            text.Append(",\"expected_keywords\":[\"").Append(keyword).Append("\"],\"tags\":[\"").Append(tag).Append("\"]}\n");
        }

        return text.ToString();
    }

    public static string PromptText() => "You are a support assistant. Answer the customer's question in one or two sentences.\n\nQuestion: {{input}}\n";

    public string BindingText(string rootNamespace) => $$"""
        using EvalHarness;
        using Microsoft.Extensions.AI;

        namespace {{rootNamespace}};

        /// <summary>Binds eval-suites/{{name}}/suite.yaml to the system under test: one test per dataset case, plus a Gate test.</summary>
        [EvalSuite("eval-suites/{{name}}/suite.yaml")]
        public partial class {{ClassName}}
        {
            /// <summary>Answers one case. Replace the echo with a call to the system under test (take it as a constructor parameter).</summary>
            [EvalTarget]
            public Task<ChatResponse> AnswerAsync(EvalCase c, CancellationToken ct) =>
                Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Echo: " + c.Input)));
        }

        """.ReplaceLineEndings("\n");

    /// <summary>The project file with <c>EvalHarnessRoot</c> pointing at the repository root, or null when it needs no change.</summary>
    public string? ProjectWithRoot(string projectText)
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(project!))!;
        var relative = Path.GetRelativePath(projectDirectory, Path.GetFullPath(root)).Replace('\\', '/');
        if (relative == "." || projectText.Contains("<EvalHarnessRoot", StringComparison.Ordinal))
        {
            return null;
        }

        var end = projectText.LastIndexOf("</Project>", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var group = "  <PropertyGroup>\n    <!-- eval-suites/ and datasets/ live at the repository root (evalharness init). -->\n" +
            "    <EvalHarnessRoot>$([System.IO.Path]::GetFullPath('$(MSBuildThisFileDirectory)" + relative + "/'))</EvalHarnessRoot>\n  </PropertyGroup>\n";
        return projectText[..end] + group + projectText[end..];
    }

    private IEnumerable<string> Words() => name.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words ? words : [name];
}
