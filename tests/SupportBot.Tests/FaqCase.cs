using System.Text.Json;

namespace Acme.Support.Tests;

/// <summary>One row of datasets/support-faq.jsonl.</summary>
internal sealed record FaqCase(
    int Line, string Id, string Question, string Answer, IReadOnlyList<string> ExpectedKeywords,
    IReadOnlyList<(string Title, string Text)> Docs, IReadOnlyList<string> Tags)
{
    public const string DatasetFile = "datasets/support-faq.jsonl";

    public bool IsOutOfScope => Tags.Contains("out-of-scope");

    public static IReadOnlyList<FaqCase> LoadAll()
    {
        var path = Path.Combine(RepositoryRoot(), DatasetFile);
        var cases = new List<FaqCase>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length > 0)
            {
                cases.Add(Parse(lineNumber, line));
            }
        }

        return cases;
    }

    private static FaqCase Parse(int line, string json)
    {
        using var document = JsonDocument.Parse(json);
        var row = document.RootElement;
        return new FaqCase(
            line,
            row.GetProperty("id").GetString()!,
            row.GetProperty("question").GetString()!,
            row.GetProperty("answer").GetString()!,
            [.. row.GetProperty("expected_keywords").EnumerateArray().Select(e => e.GetString()!)],
            [.. row.GetProperty("docs").EnumerateArray().Select(d => (d.GetProperty("title").GetString()!, d.GetProperty("text").GetString()!))],
            [.. row.GetProperty("tags").EnumerateArray().Select(e => e.GetString()!)]);
    }

    // The dataset is not copied to the output: it is found beside EvalHarness.sln, as the harness finds it.
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvalHarness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains EvalHarness.sln.");
    }
}
