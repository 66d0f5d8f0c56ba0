using System.Text.RegularExpressions;
using System.Text;
using System.Text.Json;
using EvalHarness.Baselines;
using EvalHarness.Recording;
using EvalHarness.Reporting;
using EvalHarness.Running;

namespace EvalHarness.Tests.Reliability;

/// <summary>
/// Model and dataset text is untrusted: ids, outputs and reasons full of pipes, backticks, line breaks and <c>&lt;details&gt;</c>/<c>&lt;script&gt;</c>
/// tags cannot break the Markdown summary's tables or its collapsible sections. (Tampered recordings are refused:
/// <c>RecordReplayTests.TamperedRecordingIsAnErrorNotAReplay</c>.)
/// </summary>
public sealed class UntrustedOutputTests : IDisposable
{
    private static readonly string[] Hostile =
    [
        "a | b | c",
        "`unclosed tick",
        "```\ncode fence\n```",
        "</details><details open><summary>pwned</summary>",
        "<script>alert(1)</script>",
        "line one\nline two\r\n| fake | row |",
        "\\| escaped pipe \\",
        "<!-- comment",
    ];

    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task HostileIdsOutputsAndReasonsCannotBreakTheMarkdownSummary()
    {
        var rows = Hostile.Select((text, i) => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = text + " #" + i,
            ["input"] = text,
            ["output"] = "{not json " + text,
            ["tags"] = new[] { text },
        }));
        _workspace.Write("datasets/hostile.jsonl", string.Join("\n", rows) + "\n");
        var suite = _workspace.Write("eval-suites/hostile/suite.yaml",
            "name: hostile\ndataset: ../../datasets/hostile.jsonl\ntarget: { output: output }\nmetrics:\n  - is-json\n  - contains: \"SAFE\"\n");

        var run = await EvalRun.ExecuteAsync([suite], new EvalRunOptions { Mode = EvalMode.Replay }, new BaselineSettings(),
            cancellationToken: TestContext.Current.CancellationToken);
        using var stream = new MemoryStream();
        new MarkdownSummaryExporter().Export(RunReport.Create(run), stream);
        var markdown = Encoding.UTF8.GetString(stream.ToArray());
        // Text inside a closed code span is shown literally, never as HTML; everything else must carry no live markup.
        var outsideCode = Regex.Replace(markdown, "`[^`\n]*`", "``");

        Assert.All(run.Suites.Single().Cases, c => Assert.Equal(Verdict.Fail, c.Verdict));
        Assert.DoesNotContain("<script", outsideCode, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<!--", outsideCode, StringComparison.Ordinal);
        Assert.DoesNotContain("<details open", outsideCode, StringComparison.Ordinal);
        // A code fence opens only at the start of a line; mid-line backticks are inline and cannot swallow what follows.
        Assert.DoesNotContain(markdown.Split('\n'), l => l.TrimStart(' ').StartsWith("```", StringComparison.Ordinal) || l.TrimStart(' ').StartsWith("~~~", StringComparison.Ordinal));
        Assert.Equal(Count(outsideCode, "<details>"), Count(outsideCode, "</details>"));
        Assert.DoesNotContain("pwned</summary>", outsideCode, StringComparison.Ordinal);

        // Every table keeps its shape: each row has as many unescaped cell separators as its header.
        var lines = markdown.Split('\n');
        int? columns = null;
        var rowsChecked = 0;
        foreach (var line in lines)
        {
            if (!line.StartsWith('|'))
            {
                columns = null;
                continue;
            }

            var separators = Separators(line);
            columns ??= separators;
            Assert.True(columns == separators, "table row with " + separators + " separators, header has " + columns + ": " + line);
            rowsChecked++;
        }

        Assert.True(rowsChecked >= Hostile.Length, "only " + rowsChecked + " table rows in:\n" + markdown);
        Assert.All(Hostile.Select((_, i) => "#" + i), marker => Assert.Contains(marker, markdown, StringComparison.Ordinal));
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    // A pipe is a cell separator unless a backslash escapes it (GFM splits cells before any inline parsing, code spans included).
    private static int Separators(string line)
    {
        var count = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == '|')
            {
                count++;
            }
        }

        return count;
    }
}
