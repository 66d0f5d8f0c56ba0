using System.Text.Json.Nodes;
using EvalHarness.Importing;
using EvalHarness.Suites;

namespace EvalHarness.Tests.Importing;

/// <summary><see cref="TraceImporter"/> on the committed sample exports (see Data/README.md): each format, filters, sampling, de-duplication, scrubbing.</summary>
public sealed class TraceImporterTests
{
    private static readonly string Data = Path.Combine(FindRoot(), "tests", "EvalHarness.Tests", "Importing", "Data");

    [Fact]
    public void LangfuseJsonlBecomesRowsWithMetadataAndTheRepeatedTraceIsDropped()
    {
        var result = Import("langfuse-traces.jsonl", new TraceImportOptions());

        Assert.Equal(["lf-001", "lf-002", "lf-004", "lf-005", "lf-006"], Ids(result));
        Assert.Equal((6, 0, 1), (result.Read, result.Filtered, result.Duplicates));
        var first = result.Rows[0];
        Assert.Equal("How do I get a refund for order 1042?", (string?)first["input"]);
        Assert.Equal("You can request a refund from Orders → 1042 → Refund within 30 days.", (string?)first["output"]);
        Assert.Equal(["support", "prod"], first["tags"]!.AsArray().Select(t => (string?)t));
        var metadata = first["metadata"]!;
        Assert.Equal("gpt-4o-mini", (string?)metadata["model"]);
        Assert.Equal(1184, (double)metadata["latency_ms"]!, 6);
        Assert.Equal(412, (double)metadata["tokens"]!["input"]!);
        Assert.Equal(118, (double)metadata["tokens"]!["output"]!);
        Assert.Equal(0.00042, (double)metadata["cost"]!);
        Assert.Equal(0.92, (double)metadata["score"]!["faithfulness"]!);
        Assert.Equal("thumbs_up", (string?)metadata["feedback"]);
        Assert.Equal("2026-11-16T09:12:03.512Z", (string?)metadata["timestamp"]);
        var failed = result.Rows[2];
        Assert.Equal(string.Empty, (string?)failed["output"]);
        Assert.True((bool)failed["metadata"]!["error"]!);
    }

    [Fact]
    public void OpikJsonArrayKeepsStructuredInputAndReadsFeedbackAndErrors()
    {
        var all = Import("opik-traces.json", new TraceImportOptions { Format = TraceFormat.Opik });
        var down = Import("opik-traces.json", new TraceImportOptions { ThumbsDown = true });
        var errors = Import("opik-traces.json", new TraceImportOptions { ErrorsOnly = true });

        Assert.Equal(3, all.Rows.Count);
        Assert.Equal("Where is my parcel?", (string?)all.Rows[0]["input"]!["question"]);
        Assert.Equal(1250, (double)all.Rows[0]["metadata"]!["latency_ms"]!);
        Assert.Equal(210, (double)all.Rows[0]["metadata"]!["tokens"]!["input"]!);
        Assert.Equal("claude-3-5-haiku", (string?)all.Rows[0]["metadata"]!["model"]);
        Assert.Equal(["0193a1f2-7c1e-7d4a-9a51-1b2c3d4e5f61"], Ids(down));
        Assert.Equal("thumbs_down", (string?)down.Rows[0]["metadata"]!["feedback"]);
        Assert.Equal(["0193a1f2-7c1e-7d4a-9a51-1b2c3d4e5f62"], Ids(errors));
    }

    [Fact]
    public void OtlpGenAiSpansBecomeOneRowPerGenerationAndOtherSpansAreSkipped()
    {
        var result = Import("otlp-genai.json", new TraceImportOptions());

        Assert.Equal(["5b8efff798038103d269b633813fc60c", "0af7651916cd43dd8448eb211c80319c"], Ids(result));
        var chat = result.Rows[0];
        Assert.Equal("What are your opening hours?", (string?)chat["input"]);
        Assert.Equal("We are open 9:00–17:00, Monday to Friday.", (string?)chat["output"]);
        Assert.Equal("gpt-4o-mini-2024-07-18", (string?)chat["metadata"]!["model"]);
        Assert.Equal(1250, (double)chat["metadata"]!["latency_ms"]!, 6);
        Assert.Equal(38, (double)chat["metadata"]!["tokens"]!["output"]!);
        Assert.Equal("2025-11-20T10:00:00.000Z", (string?)chat["metadata"]!["timestamp"]);
        Assert.Equal("Summarise ticket #7781", (string?)result.Rows[1]["input"]);
        Assert.True((bool)result.Rows[1]["metadata"]!["error"]!);
        Assert.Equal("gpt-4o", (string?)result.Rows[1]["metadata"]!["model"]);
    }

    [Fact]
    public void PlainJsonlIsReadThroughTheMap()
    {
        var map = new Dictionary<string, string>
        {
            ["id"] = "request.id", ["input"] = "request.text", ["output"] = "response.text", ["expected"] = "label", ["timestamp"] = "when",
        };

        var result = Import("plain.jsonl", new TraceImportOptions { Map = map, Since = DateTimeOffset.Parse("2026-11-20T12:05:00Z", System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(["req-2", "req-3"], Ids(result));
        Assert.Equal("Translate 'see you' to German", (string?)result.Rows[1]["input"]);
        Assert.Equal("Bis bald", (string?)result.Rows[1]["output"]);
        Assert.Equal("Bis später", (string?)result.Rows[1]["expected"]);
    }

    [Theory]
    [InlineData("tag", new[] { "lf-005" })]
    [InlineData("model", new[] { "lf-004", "lf-005" })]
    [InlineData("window", new[] { "lf-004", "lf-005" })]
    [InlineData("score", new[] { "lf-002", "lf-005" })]
    [InlineData("thumbs", new[] { "lf-002", "lf-005" })]
    [InlineData("errors", new[] { "lf-004" })]
    public void FiltersKeepTheExpectedTraces(string filter, string[] expected)
    {
        var options = filter switch
        {
            "tag" => new TraceImportOptions { Tags = ["staging"] },
            "model" => new TraceImportOptions { Model = "gpt-4o" },
            "window" => new TraceImportOptions { Since = new DateTimeOffset(2026, 11, 18, 0, 0, 0, TimeSpan.Zero), Until = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero) },
            "score" => new TraceImportOptions { ScoreBelow = 0.5 },
            "thumbs" => new TraceImportOptions { ThumbsDown = true },
            _ => new TraceImportOptions { ErrorsOnly = true },
        };

        Assert.Equal(expected, Ids(Import("langfuse-traces.jsonl", options)));
    }

    [Fact]
    public void SamplingIsDeterministicForASeedAndKeepsExportOrder()
    {
        var first = Ids(Import("langfuse-traces.jsonl", new TraceImportOptions { Sample = 3, Seed = 7 }));
        var again = Ids(Import("langfuse-traces.jsonl", new TraceImportOptions { Sample = 3, Seed = 7 }));
        var all = Ids(Import("langfuse-traces.jsonl", new TraceImportOptions()));

        Assert.Equal(first, again);
        Assert.Equal(3, first.Count);
        Assert.Equal(first, all.Where(first.Contains));
        var seeds = Enumerable.Range(0, 20).Select(s => string.Join(",", Ids(Import("langfuse-traces.jsonl", new TraceImportOptions { Sample = 3, Seed = s })))).Distinct().Count();
        Assert.True(seeds > 1, "different seeds should pick different samples");
    }

    [Fact]
    public void ScrubbingReplacesDetectedPersonalData()
    {
        var langfuse = Import("langfuse-traces.jsonl", new TraceImportOptions { ScrubPii = true });
        var opik = Import("opik-traces.json", new TraceImportOptions { ScrubPii = true });

        var row = langfuse.Rows.Single(r => (string?)r["id"] == "lf-002");
        Assert.Equal("Can you change the email on my account to [REDACTED:email]?", (string?)row["input"]);
        Assert.Equal("Sure — I changed it to [REDACTED:email]. Call [REDACTED:phone] if anything looks wrong.", (string?)row["output"]);
        Assert.Equal("Yes: transfer to [REDACTED:iban] with your order number.", (string?)opik.Rows[1]["output"]!["answer"]);
    }

    [Fact]
    public void AMissingFieldNamesFileLineAndField()
    {
        var file = Path.Combine(Path.GetTempPath(), "evh-import-" + Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllText(file, "{\"input\":\"a\",\"output\":\"b\"}\n{\"input\":\"c\"}\n");
        try
        {
            var ex = Assert.Throws<EvalConfigurationException>(() => TraceImporter.Import([file], new TraceImportOptions()));

            Assert.Equal(file + "(2,1): error EVH007: output: missing (set it with --map output=<path>)", Assert.Single(ex.Errors).ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static TraceImportResult Import(string name, TraceImportOptions options) => TraceImporter.Import([Path.Combine(Data, name)], options);

    private static List<string?> Ids(TraceImportResult result) => result.Rows.Select(r => (string?)r["id"]).ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvalHarness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EvalHarness.sln not found above " + AppContext.BaseDirectory);
    }
}
