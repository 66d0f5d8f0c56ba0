using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EvalHarness.Costs;
using EvalHarness.Recording;
using EvalHarness.Reporting;
using EvalHarness.Running;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Reporting;

/// <summary>
/// <see cref="ResultsJsonReader"/> streams results.json (one case held as JSON at a time, big suites spilled to disk): it must return and
/// report exactly what the whole-document reader did (<see cref="WholeDocumentResultsJsonReader"/>, kept below as the oracle).
/// </summary>
public sealed class ResultsJsonStreamingTests : IDisposable
{
    // 2,600 cases in support-faq (past the 2,000 that stay in memory), 1,950 and 520 in the two others.
    private static readonly Lazy<RunResult> BigRun = new(() => ReportSamples.Run(casesPerSuite: 2_600));
    private static readonly Lazy<byte[]> BigJson = new(() => Export(BigRun.Value));

    private static readonly JsonSerializerOptions Canonical = new()
    {
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("evalharness-streaming-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ABigResultsFileReadsBackAsTheWholeDocumentReaderReadItWithTheBigSuiteSpilled()
    {
        var path = Write("results.json", BigJson.Value);

        var read = ResultsJsonReader.Read(path);

        var expected = WholeDocumentResultsJsonReader.Parse(BigJson.Value, path);
        Assert.Equal(Canon(expected), Canon(read));
        Assert.Equal(["support-faq", "ticket-summaries", "legacy-bot"], read.Suites.Select(s => s.Name));
        Assert.Equal([2_600, 1_950, 520], read.Suites.Select(s => s.Cases.Count));
        Assert.IsType<CaseResultStore.SpilledCaseList>(read.Suites[0].Cases);
        Assert.IsNotType<CaseResultStore.SpilledCaseList>(read.Suites[2].Cases);

        // The fields a report needs come back as the run had them (independently of the oracle).
        var original = BigRun.Value;
        for (var s = 0; s < original.Suites.Count; s++)
        {
            var (want, got) = (original.Suites[s], read.Suites[s]);
            Assert.Equal(want.Gate.Verdict, got.Gate.Verdict);
            Assert.Equal(want.Gate.Checks.Select(c => (c.Name, c.Verdict, c.Reason)), got.Gate.Checks.Select(c => (c.Name, c.Verdict, c.Reason)));
            Assert.Equal(JsonSerializer.Serialize(want.Aggregates, Canonical), JsonSerializer.Serialize(got.Aggregates, Canonical));
            Assert.Equal(want.Cases.Select(c => (c.Id, c.Line, c.Verdict, c.Output, c.ErrorKind, c.Error, string.Join("|", c.Tags), string.Join("|", c.Context))),
                got.Cases.Select(c => (c.Id, c.Line, c.Verdict, c.Output, c.ErrorKind, c.Error, string.Join("|", c.Tags), string.Join("|", c.Context))));
            Assert.Equal(want.Cases.SelectMany(c => c.Metrics).Select(m => (m.Name, m.Score is { } x ? Math.Round(x, 6) : (double?)null, m.Verdict, m.Reason,
                    string.Join(";", m.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + d.Value)))),
                got.Cases.SelectMany(c => c.Metrics).Select(m => (m.Name, m.Score, m.Verdict, m.Reason,
                    string.Join(";", m.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + d.Value)))));
            Assert.Equal(want.Cases.Select(c => (c.Measurements.ModelId, c.Measurements.Usage?.TotalTokenCount, c.Measurements.Cost?.Usd, c.Measurements.Retries)),
                got.Cases.Select(c => (c.Measurements.ModelId, c.Measurements.Usage?.TotalTokenCount, c.Measurements.Cost?.Usd, c.Measurements.Retries)));
        }

        // Exported again, it is the same file byte for byte.
        Assert.Equal(Encoding.UTF8.GetString(BigJson.Value), Encoding.UTF8.GetString(Export(read)));
    }

    [Fact]
    public void PropertyOrderDoesNotMatterAndUnknownMembersOfAnySizeAreSkipped()
    {
        var root = JsonNode.Parse(BigJson.Value)!.AsObject();
        foreach (var suite in root["suites"]!.AsArray().Select(s => s!.AsObject()))
        {
            foreach (var c in suite["cases"]!.AsArray().Take(50).Select(c => c!.AsObject()))
            {
                c["x-trace"] = Nested(3, 4);
                Reorder(c, ["metrics", "x-trace"]);
            }

            suite["x-big"] = Nested(6, 6);
            Reorder(suite, ["cases", "x-big", "aggregates"]);
        }

        root["x-annotations"] = Nested(6, 6);
        Reorder(root, ["suites", "x-annotations"]);
        var reordered = Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Assert.True(reordered.Length > BigJson.Value.Length + (1 << 20), "the unknown members add more than a megabyte");

        var read = ResultsJsonReader.Read(Write("reordered.json", reordered));

        Assert.Equal(Canon(ResultsJsonReader.Read(Write("results.json", BigJson.Value))), Canon(read));
        Assert.Equal(Canon(WholeDocumentResultsJsonReader.Parse(reordered, "x")), Canon(read));
    }

    [Fact]
    public void AWrongTypeDeepInsideCase2500NamesItsLineAndField()
    {
        var root = JsonNode.Parse(BigJson.Value)!.AsObject();
        root["suites"]![0]!["cases"]![2_500]!["metrics"]![1]!["score"] = "WRONG-TYPE-MARKER";
        var text = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var path = Write("results.json", Encoding.UTF8.GetBytes(text));
        var (line, column) = PositionOf(text, "\"score\": \"WRONG-TYPE-MARKER\"");

        var ex = Assert.Throws<EvalConfigurationException>(() => ResultsJsonReader.Read(path, "results.json"));

        Assert.Equal("results.json(" + line + "," + column + "): error EVH013: suites[0].cases[2500].metrics[1].score: must be a number",
            Assert.Single(ex.Errors).ToString());
        Assert.True(line > 2_500 * 20, "the line is deep in the file, not counted from a slice");
    }

    [Fact]
    public void ASuiteFieldAfterItsCasesAndAFormatVersionAfterTheSuitesAreCheckedInTheOldOrder()
    {
        var root = JsonNode.Parse(BigJson.Value)!.AsObject();
        var second = root["suites"]![1]!.AsObject();
        second["target"] = "teleporter";
        Reorder(second, ["cases"]);
        var text = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var (line, column) = PositionOf(text, "\"target\": \"teleporter\"");

        var ex = Assert.Throws<EvalConfigurationException>(() => ResultsJsonReader.Read(Write("a.json", Encoding.UTF8.GetBytes(text)), "a.json"));
        Assert.Equal("a.json(" + line + "," + column + "): error EVH013: suites[1].target: not a target kind: teleporter", Assert.Single(ex.Errors).ToString());

        // A newer format is refused before anything in its suites, wherever formatVersion is written.
        root.Remove("formatVersion");
        root["formatVersion"] = 7;
        text = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        (line, column) = PositionOf(text, "\"formatVersion\": 7");
        ex = Assert.Throws<EvalConfigurationException>(() => ResultsJsonReader.Read(Write("b.json", Encoding.UTF8.GetBytes(text)), "b.json"));
        Assert.Equal("b.json(" + line + "," + column + "): error EVH013: formatVersion: formatVersion 7 is not readable by this version (it reads 1 to 1); update EvalHarness",
            Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void AFileTruncatedInsideTheCasesIsASyntaxErrorWithItsLine()
    {
        var json = BigJson.Value;
        var cut = json.AsSpan().IndexOf("\"ticket-summaries-1000\""u8);
        var truncated = json[..(cut + 10)];
        var lines = truncated.Count(b => b == (byte)'\n') + 1;

        var ex = Assert.Throws<EvalConfigurationException>(() => ResultsJsonReader.Read(Write("cut.json", truncated), "cut.json"));

        var error = Assert.Single(ex.Errors);
        Assert.StartsWith("cut.json(" + lines + ",", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("the results file is not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(Outcome(() => WholeDocumentResultsJsonReader.Parse(truncated, "cut.json")), Outcome(() => ResultsJsonReader.Read(Write("cut.json", truncated), "cut.json")));
    }

    [Fact]
    public void ValuesStraddlingEveryRefillOfATinyBufferReadTheSame()
    {
        var run = ReportSamples.Run(casesPerSuite: 12);
        var huge = string.Concat(Enumerable.Repeat("héllo wörld 🌍 \"quoted\" \\ ", (1 << 20) / 28 + 1));
        var faq = run.Suites[0];
        var cases = faq.Cases.Select((c, i) => i == 3 ? c with { Output = huge } : c).ToArray();
        run = run with { Suites = [faq with { Cases = cases, Aggregates = SuiteAggregates.From(cases) }, .. run.Suites.Skip(1)] };
        var json = Export(run);
        Assert.True(json.Length > 1 << 20, "a case of more than a megabyte");

        foreach (var size in new[] { 1, 7, 64, 4096 })
        {
            var read = ResultsJsonReader.Read(Write("tiny.json", json), null, size);
            Assert.Equal(Canon(WholeDocumentResultsJsonReader.Parse(json, "x")), Canon(read));
            Assert.Equal(huge, read.Suites[0].Cases[3].Output);
        }

        // An error after the huge case, on a line holding multi-byte text before it, is placed exactly.
        var root = JsonNode.Parse(json)!.AsObject();
        root["suites"]![0]!["cases"]![5]!["tags"] = JsonNode.Parse("[\"ü🌍\", 42]");
        var text = root.ToJsonString(new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var size in new[] { 1, 7, 4096 })
        {
            Assert.Equal(Outcome(() => WholeDocumentResultsJsonReader.Parse(bytes, "t.json")), Outcome(() => ResultsJsonReader.Read(Write("t.json", bytes), "t.json", size)));
        }

        var ex = Assert.Throws<EvalConfigurationException>(() => ResultsJsonReader.Read(Write("t.json", bytes), "t.json", 7));
        // The encoder escapes the emoji but keeps ü (and the huge output's é and ö) as multi-byte UTF-8 on this one line.
        var tag = text.IndexOf(",42]", text.IndexOf("\"tags\":[\"ü", StringComparison.Ordinal), StringComparison.Ordinal) + 1;
        Assert.True(tag > 1 << 20, "the tag is after the huge output, on the same line");
        Assert.Equal("t.json(1," + (tag + 1) + "): error EVH013: suites[0].cases[5].tags[1]: a tag must be a string",
            Assert.Single(ex.Errors).ToString());
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public void EveryBrokenFileIsReportedExactlyAsTheWholeDocumentReaderReportedIt(string name)
    {
        var bytes = Broken(name);

        foreach (var size in new[] { 3, JsonTokenStream.DefaultBufferSize })
        {
            Assert.Equal(Outcome(() => WholeDocumentResultsJsonReader.Parse(bytes, "r.json")), Outcome(() => ResultsJsonReader.Read(Write("r.json", bytes), "r.json", size)));
        }

        var outcome = Outcome(() => ResultsJsonReader.Parse(bytes, "r.json"));
        Assert.Equal(Outcome(() => WholeDocumentResultsJsonReader.Parse(bytes, "r.json")), outcome);
        Assert.Equal(Readable.Contains(name), outcome.StartsWith("ok ", StringComparison.Ordinal));
    }

    // The whole-document reader threw InvalidOperationException on a list item that is not an object; the streaming one names it.
    [Theory]
    [InlineData("suite-number", "suites[1]: a suite must be a JSON object")]
    [InlineData("case-number", "suites[0].cases[2]: a case must be a JSON object")]
    [InlineData("metric-number", "suites[0].cases[1].metrics[0]: a metric result must be a JSON object")]
    [InlineData("check-number", "suites[0].gate.checks[0]: a gate check must be a JSON object")]
    [InlineData("error-number", "suites[0].errors[0]: an error must be a JSON object")]
    public void AListItemThatIsNotAnObjectIsAConfigurationErrorNamingItsLineAndPath(string name, string expected)
    {
        var bytes = Broken(name);
        var text = Encoding.UTF8.GetString(bytes);

        foreach (var size in new[] { 3, JsonTokenStream.DefaultBufferSize })
        {
            var ex = Assert.Throws<EvalConfigurationException>(() => ResultsJsonReader.Read(Write("r.json", bytes), "r.json", size));
            var error = Assert.Single(ex.Errors);
            Assert.EndsWith(expected, error.ToString(), StringComparison.Ordinal);
            Assert.Equal("r.json", error.Location.File);

            // The line holds the offending number (it is the first value on its own line in the indented file).
            var line = text.Split('\n')[error.Location.Line - 1].Trim().TrimEnd(',');
            Assert.True(line is "42" or "3" or "5" or "7", "line " + error.Location.Line + " is '" + line + "'");
        }
    }

    // The breakages both readers accept (the rest must be refused, or the case proves nothing).
    private static readonly string[] Readable =
        ["valid", "cases-null", "duplicate-cases-last-wins", "metric-details-mixed", "pricing-number", "suites-twice", "unknown-everywhere"];

    public static TheoryData<string> Breakages() => new(BreakageNames);

    private static readonly string[] BreakageNames =
    [
        "valid", "empty", "whitespace", "bom", "root-array", "root-string", "trailing-garbage", "trailing-comma", "comment", "truncated-in-string",
        "no-runId", "runId-number", "formatVersion-text", "formatVersion-missing", "formatVersion-0", "provenance-list", "harnessVersion-number",
        "suites-missing", "suites-null", "suites-object", "suites-twice", "cases-object", "cases-null",
        "case-no-id", "case-bad-verdict-and-later-bad-gate", "bad-gate-before-cases", "gate-checks-name-missing", "gate-list", "errors-code-missing",
        "pricing-number", "tag-number", "context-object", "errorKind-bogus", "usage-text", "usage-inputTokens-fraction", "cost-usd-text",
        "metric-details-mixed", "metric-score-text", "metric-name-missing", "durationMs-text", "line-fraction", "replayed-text", "target-bogus",
        "mode-bogus", "shard-bogus", "startedAt-bogus", "complete-text", "second-suite-bad-then-first-ok", "unknown-everywhere",
        "duplicate-cases-last-wins", "deep-nesting",
    ];

    private static byte[] Broken(string name)
    {
        var sample = Encoding.UTF8.GetString(Export(ReportSamples.Run(casesPerSuite: 6)));
        var root = JsonNode.Parse(sample)!.AsObject();
        var suite = root["suites"]![0]!.AsObject();
        var firstCase = suite["cases"]![1]!.AsObject();
        string? text = name switch
        {
            "valid" => sample,
            "empty" => string.Empty,
            "whitespace" => "  \n  ",
            "bom" => "\uFEFF" + sample,
            "root-array" => "[\n  1,\n  2\n]",
            "root-string" => "\"results\"",
            "trailing-garbage" => sample + "\n{}",
            "trailing-comma" => sample.Replace("\"mode\": \"replay\",", "\"mode\": \"replay\",,", StringComparison.Ordinal),
            "comment" => sample.Replace("\"runId\"", "/* c */ \"runId\"", StringComparison.Ordinal),
            "truncated-in-string" => sample[..(sample.IndexOf("support-faq-004", StringComparison.Ordinal) + 5)],
            "deep-nesting" => sample.Replace("\"exitCode\":", "\"x\": " + new string('[', 70) + new string(']', 70) + ", \"exitCode\":", StringComparison.Ordinal),
            _ => null,
        };
        if (text is not null)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        switch (name)
        {
            case "no-runId": root.Remove("runId"); break;
            case "runId-number": root["runId"] = 5; break;
            case "formatVersion-text": root["formatVersion"] = "1"; break;
            case "formatVersion-missing": root.Remove("formatVersion"); break;
            case "formatVersion-0": root["formatVersion"] = 0; Reorder(root, ["suites"]); suite["cases"]![0]!["verdict"] = "maybe"; break;
            case "provenance-list": root["provenance"] = new JsonArray(); break;
            case "harnessVersion-number": root["provenance"]!["harnessVersion"] = 3; break;
            case "suites-missing": root.Remove("suites"); break;
            case "suites-null": root["suites"] = null; break;
            case "suites-object": root["suites"] = new JsonObject { ["a"] = 1 }; break;
            case "suites-twice": Reorder(root, ["suites"]); root["suites"] = new JsonArray(); break;
            case "suite-number": root["suites"]!.AsArray().Insert(1, 42); break;
            case "cases-object": suite["cases"] = new JsonObject(); break;
            case "cases-null": suite["cases"] = null; break;
            case "case-number": suite["cases"]!.AsArray().Insert(2, 3); break;
            case "case-no-id": firstCase.Remove("id"); break;
            case "metric-number": firstCase["metrics"]!.AsArray().Insert(0, 5); break;
            case "check-number": suite["gate"]!["checks"] = JsonNode.Parse("[\n7\n]"); break;
            case "error-number": suite["errors"] = JsonNode.Parse("[\n7\n]"); break;
            case "case-bad-verdict-and-later-bad-gate": firstCase["verdict"] = "maybe"; suite["gate"] = 1; Reorder(suite, ["cases"]); break;
            case "bad-gate-before-cases": suite["gate"]!["verdict"] = "perhaps"; break;
            case "gate-checks-name-missing": suite["gate"]!["checks"] = JsonNode.Parse("[{\"verdict\":\"pass\"}]"); break;
            case "gate-list": suite["gate"] = new JsonArray(); break;
            case "errors-code-missing": suite["errors"] = JsonNode.Parse("[{\"message\":\"m\",\"file\":\"f\",\"line\":2}]"); break;
            case "pricing-number": suite["pricing"] = JsonNode.Parse("[\"a\", 1]"); break;
            case "tag-number": firstCase["tags"] = JsonNode.Parse("[\"a\", 1]"); break;
            case "context-object": firstCase["context"] = new JsonObject(); break;
            case "errorKind-bogus": firstCase["errorKind"] = "meteor"; break;
            case "usage-text": firstCase["usage"] = "lots"; break;
            case "usage-inputTokens-fraction": firstCase["usage"] = JsonNode.Parse("{\n \"inputTokens\": 1.5\n}"); break;
            case "cost-usd-text": firstCase["cost"] = JsonNode.Parse("{\"usd\": \"1\"}"); break;
            case "metric-details-mixed": firstCase["metrics"]![0]!["details"] = JsonNode.Parse("{\"a\": 1.50, \"b\": [1, {\"c\": null}], \"d\": \"x\"}"); break;
            case "metric-score-text": firstCase["metrics"]![0]!["score"] = "high"; break;
            case "metric-name-missing": firstCase["metrics"]![0]!.AsObject().Remove("name"); break;
            case "durationMs-text": firstCase["durationMs"] = "slow"; break;
            case "line-fraction": firstCase["line"] = 2.5; break;
            case "replayed-text": firstCase["replayed"] = "yes"; break;
            case "target-bogus": suite["target"] = "teleporter"; break;
            case "mode-bogus": root["mode"] = "sideways"; break;
            case "shard-bogus": root["shard"] = "9/2"; break;
            case "startedAt-bogus": root["startedAt"] = "yesterday"; break;
            case "complete-text": suite["complete"] = "no"; break;
            case "second-suite-bad-then-first-ok": root["suites"]![1]!["name"] = null; root["suites"]![2]!["cases"]![0]!["id"] = 3; break;
            case "unknown-everywhere":
                root["zz"] = Nested(3, 3); suite["zz"] = Nested(2, 2); firstCase["zz"] = Nested(2, 2); Reorder(firstCase, ["zz", "verdict"]);
                break;
            case "duplicate-cases-last-wins":
                return Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true })
                    .Replace("\"cases\": [", "\"cases\": \"nope\", \"cases\": [", StringComparison.Ordinal));
            default: throw new ArgumentException("unknown breakage " + name, nameof(name));
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    // What a read gives: the run in canonical JSON, or the exception's type and every error as the CLI prints it.
    private static string Outcome(Func<RunResult> read)
    {
        try
        {
            return "ok " + Canon(read());
        }
        catch (EvalConfigurationException ex)
        {
            return "config " + string.Join("\n", ex.Errors.Select(e => e.ToString()));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            return ex.GetType().Name + " " + ex.Message;
        }
    }

    private static string Canon(RunResult run) => JsonSerializer.Serialize(new
    {
        run.RunId, run.StartedAt, run.FinishedAt, run.HarnessVersion, run.GitCommit, run.Mode, Shard = run.Shard?.ToString(),
        Suites = run.Suites.Select(s => new
        {
            s.Name, s.File, s.Dataset, s.DatasetHash, s.SuiteHash, s.Target, s.Model, s.Complete, s.Gate, s.ConfigurationErrors, s.PricingSources,
            s.Aggregates, Cases = s.Cases.ToArray(),
        }).ToArray(),
    }, Canonical);

    private static byte[] Export(RunResult run)
    {
        using var stream = new MemoryStream();
        new JsonResultsExporter().Export(RunReport.Create(run), stream);
        return stream.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // The 1-based line and column of the first occurrence of the text (columns in UTF-16 characters, as errors count them).
    private static (int Line, int Column) PositionOf(string text, string what)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        Assert.True(at >= 0, what + " is in the file");
        var lineStart = text.LastIndexOf('\n', at) + 1;
        return (text.AsSpan(0, at).Count('\n') + 1, at - lineStart + 1);
    }

    // Moves the named members to the front, the others after them in reverse order.
    private static void Reorder(JsonObject target, string[] first)
    {
        var members = target.ToList();
        target.Clear();
        foreach (var (key, value) in members.Where(m => first.Contains(m.Key)).OrderBy(m => Array.IndexOf(first, m.Key)).Concat(members.Where(m => !first.Contains(m.Key)).Reverse()))
        {
            target[key] = value;
        }
    }

    // An unknown member's value: objects and lists nested depth deep, width wide, with strings that look like results fields.
    private static JsonNode Nested(int depth, int width)
    {
        if (depth == 0)
        {
            return JsonValue.Create("{\"verdict\": \"fail\", \"id\": \"x\"} " + new string('x', 200))!;
        }

        var list = new JsonArray();
        var obj = new JsonObject { ["cases"] = list, ["verdict"] = "error" };
        for (var i = 0; i < width; i++)
        {
            list.Add(Nested(depth - 1, width));
            obj["k" + i.ToString(CultureInfo.InvariantCulture)] = Nested(depth - 1, 1);
        }

        return obj;
    }
}

/// <summary>The reader as it was before it streamed (whole file in a JsonDocument), kept as the oracle: the streaming reader must return
/// and report exactly what it did.</summary>
internal static class WholeDocumentResultsJsonReader
{
    /// <summary>Parses the UTF-8 text of a results file.</summary>
    /// <exception cref="EvalConfigurationException">The text is not JSON or lacks a contract field.</exception>
    public static RunResult Parse(byte[] utf8, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException ex)
        {
            throw new EvalConfigurationException([JsonPositions.SyntaxError(ex, displayPath, "the results file")]);
        }

        using (document)
        {
            try
            {
                return new Reader().Run(document.RootElement);
            }
            catch (ResultsFormatException ex)
            {
                throw new EvalConfigurationException([new ConfigError(ConfigErrorCode.InvalidValue,
                    JsonPositions.Find(utf8, displayPath, ex.Path), JsonPositions.Display(ex.Path), ex.Message)]);
            }
        }
    }

    private sealed class ResultsFormatException(IReadOnlyList<object> path, string message) : Exception(message)
    {
        public IReadOnlyList<object> Path { get; } = path;
    }

    // Walks the document keeping the path of the element being read, so an error can point at it.
    private sealed class Reader
    {
        private readonly List<object> _path = [];

        public RunResult Run(JsonElement root)
        {
            Expect(root, JsonValueKind.Object, "a results file is a JSON object");
            var version = Int(root, "formatVersion", required: true)!.Value;
            if (version > RunResult.CurrentFormatVersion || version < 1)
            {
                Fail("formatVersion", "formatVersion " + version.ToString(CultureInfo.InvariantCulture) + " is not readable by this version (it reads 1 to " +
                    RunResult.CurrentFormatVersion.ToString(CultureInfo.InvariantCulture) + "); update EvalHarness");
            }

            var provenance = Object(root, "provenance");
            var suites = new List<SuiteResult>();
            ForEach(root, "suites", required: true, suite => suites.Add(Suite(suite)));
            EvalMode mode;
            try
            {
                mode = EvalModes.Parse(Text(root, "mode"));
            }
            catch (ArgumentException)
            {
                Fail("mode", "not a mode; expected replay, record, live or auto");
                throw;
            }

            var shard = Text(root, "shard");
            Shard? parsedShard = null;
            if (shard is not null)
            {
                try
                {
                    parsedShard = Shard.Parse(shard);
                }
                catch (ArgumentException ex)
                {
                    Fail("shard", ex.Message);
                }
            }

            return new RunResult
            {
                RunId = Text(root, "runId", required: true)!,
                StartedAt = Time(root, "startedAt"),
                FinishedAt = Time(root, "finishedAt"),
                HarnessVersion = provenance is { } p ? Scoped("provenance", () => Text(p, "harnessVersion")) ?? "unknown" : "unknown",
                GitCommit = provenance is { } q ? Scoped("provenance", () => Text(q, "gitCommit")) : null,
                Mode = mode,
                Shard = parsedShard,
                Suites = suites,
            };
        }

        private SuiteResult Suite(JsonElement e)
        {
            var cases = new List<CaseResult>();
            ForEach(e, "cases", required: false, c => cases.Add(Case(c)));
            var errors = new List<ConfigError>();
            ForEach(e, "errors", required: false, err => errors.Add(new ConfigError(
                Text(err, "code", required: true)!,
                new SourceLocation(Text(err, "file") ?? string.Empty, Int(err, "line") ?? 0, Int(err, "column") ?? 0),
                Text(err, "field") ?? string.Empty,
                Text(err, "message", required: true)!)));
            var pricing = new List<string>();
            ForEach(e, "pricing", required: false, p => pricing.Add(p.ValueKind == JsonValueKind.String ? p.GetString()! : string.Empty));

            GateResult gate = new(Verdict.Error, []);
            if (Object(e, "gate") is { } g)
            {
                gate = Scoped("gate", () =>
                {
                    var checks = new List<GateCheck>();
                    ForEach(g, "checks", required: false, c => checks.Add(new GateCheck(Text(c, "name", required: true)!,
                        VerdictOf(c, "verdict"), Text(c, "reason") ?? string.Empty)));
                    return new GateResult(VerdictOf(g, "verdict"), checks);
                });
            }

            TargetKind? target = Text(e, "target") is { } t
                ? Enum.TryParse<TargetKind>(t, ignoreCase: true, out var kind) ? kind : Fail<TargetKind>("target", "not a target kind: " + t)
                : null;
            return new SuiteResult
            {
                Name = Text(e, "name", required: true)!,
                File = Text(e, "file") ?? string.Empty,
                Dataset = Text(e, "dataset"),
                DatasetHash = Text(e, "datasetHash"),
                SuiteHash = Text(e, "suiteHash"),
                Target = target,
                Model = Text(e, "model"),
                Complete = Bool(e, "complete") ?? true,
                Gate = gate,
                ConfigurationErrors = errors,
                Cases = cases,
                Aggregates = SuiteAggregates.From(cases),
                PricingSources = pricing,
            };
        }

        private CaseResult Case(JsonElement e)
        {
            var metrics = new List<MetricResult>();
            ForEach(e, "metrics", required: false, m => metrics.Add(Metric(m)));
            var tags = new List<string>();
            ForEach(e, "tags", required: false, t => tags.Add(t.ValueKind == JsonValueKind.String ? t.GetString()! : Fail<string>(null, "a tag must be a string")));
            var context = new List<string>();
            ForEach(e, "context", required: false, t => context.Add(t.ValueKind == JsonValueKind.String ? t.GetString()! : Fail<string>(null, "a context passage must be a string")));
            var errorKind = Text(e, "errorKind") is { } k
                ? Enum.TryParse<CaseErrorKind>(k, ignoreCase: true, out var kind) ? kind : Fail<CaseErrorKind>("errorKind", "not an error kind: " + k)
                : CaseErrorKind.None;
            UsageDetails? usage = null;
            if (Object(e, "usage") is { } u)
            {
                usage = Scoped("usage", () => new UsageDetails
                {
                    InputTokenCount = Long(u, "inputTokens"),
                    OutputTokenCount = Long(u, "outputTokens"),
                    TotalTokenCount = Long(u, "totalTokens"),
                    CachedInputTokenCount = Long(u, "cachedInputTokens"),
                });
            }

            CallCost? cost = null;
            if (Object(e, "cost") is { } c)
            {
                cost = Scoped("cost", () =>
                {
                    var usd = Decimal(c, "usd");
                    return new CallCost
                    {
                        Usd = usd,
                        Model = Text(c, "model"),
                        PricedAs = Text(c, "pricedAs"),
                        InputUsd = Decimal(c, "inputUsd") ?? 0,
                        CachedInputUsd = Decimal(c, "cachedInputUsd") ?? 0,
                        OutputUsd = Decimal(c, "outputUsd") ?? 0,
                        UnknownReason = Text(c, "unknownReason") ?? (usd is null ? "unknown" : null),
                    };
                });
            }

            return new CaseResult
            {
                Id = Text(e, "id", required: true)!,
                Line = Int(e, "line") ?? 0,
                Input = Text(e, "input"),
                Expected = Text(e, "expected"),
                Output = Text(e, "output"),
                Verdict = VerdictOf(e, "verdict"),
                ErrorKind = errorKind,
                Error = Text(e, "error"),
                Tags = tags,
                Context = context,
                Duration = TimeSpan.FromMilliseconds(Double(e, "durationMs") ?? 0),
                Metrics = metrics,
                Measurements = new CallMeasurements
                {
                    LatencyMs = Double(e, "latencyMs"),
                    TimeToFirstTokenMs = Double(e, "timeToFirstTokenMs"),
                    Replayed = Bool(e, "replayed") ?? false,
                    ModelId = Text(e, "modelId"),
                    Usage = usage,
                    Cost = cost,
                    Retries = Int(e, "retries") ?? 0,
                    BackoffMs = Double(e, "backoffMs") ?? 0,
                },
            };
        }

        private MetricResult Metric(JsonElement e)
        {
            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Object(e, "details") is { } d)
            {
                foreach (var p in d.EnumerateObject())
                {
                    details[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                }
            }

            return new MetricResult
            {
                Name = Text(e, "name", required: true)!,
                Score = Double(e, "score"),
                RawValue = Double(e, "rawValue"),
                Scale = Text(e, "scale"),
                Verdict = VerdictOf(e, "verdict"),
                Reason = Text(e, "reason") ?? string.Empty,
                Details = details,
                Duration = TimeSpan.FromMilliseconds(Double(e, "durationMs") ?? 0),
            };
        }

        private void ForEach(JsonElement parent, string name, bool required, Action<JsonElement> read)
        {
            if (!parent.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Fail(name, "is required");
                }

                return;
            }

            _path.Add(name);
            Expect(array, JsonValueKind.Array, "must be a list");
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                _path.Add(index++);
                read(item);
                _path.RemoveAt(_path.Count - 1);
            }

            _path.RemoveAt(_path.Count - 1);
        }

        private T Scoped<T>(string name, Func<T> read)
        {
            _path.Add(name);
            var value = read();
            _path.RemoveAt(_path.Count - 1);
            return value;
        }

        private JsonElement? Object(JsonElement parent, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.Object ? value : Fail<JsonElement>(name, "must be an object");
        }

        private string? Text(JsonElement parent, string name, bool required = false) => Value(parent, name, required, JsonValueKind.String, "a string", v => v.GetString());

        private int? Int(JsonElement parent, string name, bool required = false) =>
            Value<int?>(parent, name, required, JsonValueKind.Number, "a whole number", v => v.TryGetInt32(out var i) ? i : Fail<int>(name, "must be a whole number"));

        private long? Long(JsonElement parent, string name) =>
            Value<long?>(parent, name, false, JsonValueKind.Number, "a whole number", v => v.TryGetInt64(out var i) ? i : Fail<long>(name, "must be a whole number"));

        private double? Double(JsonElement parent, string name) => Value<double?>(parent, name, false, JsonValueKind.Number, "a number", v => v.GetDouble());

        private decimal? Decimal(JsonElement parent, string name) =>
            Value<decimal?>(parent, name, false, JsonValueKind.Number, "a number", v => v.TryGetDecimal(out var d) ? d : Fail<decimal>(name, "must be a number"));

        private bool? Bool(JsonElement parent, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => Fail<bool>(name, "must be true or false"),
            };
        }

        private DateTimeOffset Time(JsonElement parent, string name) =>
            Text(parent, name) is { } text
                ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : Fail<DateTimeOffset>(name, "must be an ISO 8601 time")
                : default;

        private Verdict VerdictOf(JsonElement parent, string name)
        {
            var text = Text(parent, name, required: true);
            return ResultsJsonReader.ParseVerdict(text) ?? Fail<Verdict>(name, "'" + text + "' is not a verdict; expected pass, fail, inconclusive or error");
        }

        private T? Value<T>(JsonElement parent, string name, bool required, JsonValueKind kind, string what, Func<JsonElement, T> read)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return required ? Fail<T>(name, "is required") : default;
            }

            return value.ValueKind == kind ? read(value) : Fail<T>(name, "must be " + what);
        }

        private void Expect(JsonElement element, JsonValueKind kind, string message)
        {
            if (element.ValueKind != kind)
            {
                Fail(null, message);
            }
        }

        private void Fail(string? name, string message) => Fail<object>(name, message);

        private T Fail<T>(string? name, string message)
        {
            List<object> path = [.. _path];
            if (name is not null)
            {
                path.Add(name);
            }

            throw new ResultsFormatException(path, message);
        }
    }
}
