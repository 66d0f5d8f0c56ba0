using System.Diagnostics;
using System.Text;
using EvalHarness.Baselines;
using EvalHarness.Datasets;
using EvalHarness.Recording;
using EvalHarness.Reporting;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Tests.Reliability;

/// <summary>
/// Seeded fuzzing of suite files and dataset lines (random bytes, truncation, wrong types, huge numbers, deep nesting, a 10 MB line,
/// invalid UTF-8, BOM, CRLF, duplicate and path-like ids): nothing throws, every error names file and line, and a run writes nothing
/// outside the artifacts and baselines folders.
/// </summary>
public sealed class BadInputFuzzTests : IDisposable
{
    private const int Seed = 20_261_122;
    private const string SuiteDisplay = "fuzz/suite.yaml";

    private static readonly string[] SuiteSeeds =
    [
        "name: fuzz\ndataset: data.jsonl\ntarget: { output: output }\nmetrics:\n  - contains: \"ok\"\n  - regex: { pattern: \"^a\" }\ngate:\n  min_pass_rate: 0.9\n",
        "name: chat\ndataset: data.jsonl\nprovider: { base_url: \"http://127.0.0.1:9/v1/\", model: m, api_key_env: KEY }\ntarget:\n  prompt: \"Q: {{input}}\"\n  temperature: 0.2\n" +
            "timeout_ms: 5000\nmax_concurrency: 4\nmetrics:\n  - is-json\n  - latency: { max_ms: 100 }\n",
        "name: mapped\ndataset: data.jsonl\nmapping: { input: question.text, expected: answer }\ntarget: { output: output }\nmetrics:\n  - not-contains: \"x\"\n",
    ];

    private static readonly string[] WrongValues =
    [
        "[1, 2]", "{ a: 1 }", "99999999999999999999999999", "-1", "0", "1e400", "NaN", "null", "~", "\"\"", "true", "'", "\"unterminated", "&anchor", "*alias",
        "!!binary AAAA", "../../x", "/etc/passwd", "C:\\\\x", "{{input", "\u0000", "\uFFFF",
    ];

    private static readonly string[] LineSeeds =
    [
        "{\"id\":\"a\",\"input\":\"q\",\"output\":\"ok\"}",
        "{\"id\":1,\"input\":[{\"role\":\"user\",\"content\":\"hi\"}],\"output\":\"ok\",\"tags\":[\"t\"],\"assert\":[{\"contains\":\"o\"}]}",
        "{\"input\":\"no id\",\"output\":\"ok\",\"context\":[\"c\"],\"vars\":{\"k\":\"v\"}}",
    ];

    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void TenThousandMutatedSuitesAndDatasetLinesNeverThrowAndEveryErrorNamesFileAndLine()
    {
        var random = new Random(Seed);
        var stopwatch = Stopwatch.StartNew();
        var inputs = 0;
        var errorsSeen = 0;

        // Suite texts straight into the parser: the analyzer and the runner both see this path.
        for (var i = 0; i < 7_000; i++)
        {
            var text = MutateSuite(random, SuiteSeeds[random.Next(SuiteSeeds.Length)]);
            var errors = new List<ConfigError>();
            var parsed = Parse(text, errors, i);
            Assert.True(parsed is not null || errors.Count > 0, "case " + i + ": no suite and no error for:\n" + Shown(text));
            foreach (var error in errors)
            {
                AssertNamesFileAndLine(error, SuiteDisplay, "suite case " + i, text);
            }

            errorsSeen += errors.Count;
            inputs++;
        }

        // Suite files as bytes through Suite.Load: invalid UTF-8, BOM and CRLF only exist at this level.
        var suiteFolder = Path.Combine(_workspace.Root, "load");
        Directory.CreateDirectory(suiteFolder);
        File.WriteAllText(Path.Combine(suiteFolder, "data.jsonl"), LineSeeds[0] + "\n");
        for (var i = 0; i < 300; i++)
        {
            var path = Path.Combine(suiteFolder, "suite" + i + ".yaml");
            File.WriteAllBytes(path, MutateBytes(random, Encoding.UTF8.GetBytes(MutateSuite(random, SuiteSeeds[random.Next(SuiteSeeds.Length)]))));
            try
            {
                Suite.Load(path);
            }
            catch (EvalConfigurationException ex)
            {
                Assert.NotEmpty(ex.Errors);
                Assert.All(ex.Errors, e => Assert.True(e.Location.File.EndsWith("suite" + i + ".yaml", StringComparison.Ordinal)
                    || e.Location.File.EndsWith("data.jsonl", StringComparison.Ordinal), "suite file " + i + ": " + e));
                Assert.All(ex.Errors, e => Assert.True(e.Location.Line >= 1, "suite file " + i + ": " + e));
                errorsSeen += ex.Errors.Count;
            }

            inputs++;
        }

        // Dataset lines: one JSON Lines file of mutated rows, a 10 MB line among them.
        var lines = new List<string>();
        for (var i = 0; i < 3_000; i++)
        {
            lines.Add(i == 1_500 ? "{\"id\":\"huge\",\"input\":\"" + new string('x', 10 * 1024 * 1024) + "\",\"output\":\"ok\"}" : MutateLine(random, i));
        }

        var dataset = Path.Combine(_workspace.Root, "data", "fuzz.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(dataset)!);
        File.WriteAllBytes(dataset, MutateBytes(random, Encoding.UTF8.GetBytes(string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines)), light: true));
        var options = new DatasetOptions
        {
            Mapping = new MappingDefinition(new Dictionary<string, string>()),
            Assertions = new MetricSpecParser(),
            OutputField = "output",
            InputRequired = false,
        };
        var previousLine = 0;
        foreach (var entry in DatasetReader.Read(dataset, "data/fuzz.jsonl", options))
        {
            Assert.True(entry.Line > previousLine, "entry lines must increase: " + entry.Line + " after " + previousLine);
            previousLine = entry.Line;
            foreach (var error in entry.Errors)
            {
                AssertNamesFileAndLine(error, "data/fuzz.jsonl", "dataset line " + entry.Line, null);
                Assert.Equal(entry.Line, error.Location.Line);
            }

            errorsSeen += entry.Errors.Count;
            inputs++;
        }

        Assert.True(inputs >= 10_000, "only " + inputs + " inputs");
        Assert.True(errorsSeen > 1_000, "the mutations found only " + errorsSeen + " errors: they are not hostile enough");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), "fuzzing took " + stopwatch.Elapsed);
    }

    [Fact]
    public void AnUnclosedFlowMappingFollowedByMoreLinesIsASyntaxErrorWithALineNotACrash()
    {
        // Found by the fuzzer above: YamlDotNet threw InvalidOperationException out of SuiteParser.Parse for this text.
        var errors = new List<ConfigError>();

        var parsed = new SuiteParser().Parse("name: mapped\ndataset: data.jsonl\nmapping: { input: question.text, ex\nname: again\n", SuiteDisplay, errors);

        Assert.Null(parsed);
        var error = Assert.Single(errors);
        Assert.Equal(ConfigErrorCode.YamlSyntax, error.Code);
        Assert.InRange(error.Location.Line, 3, 4);
        Assert.StartsWith(SuiteDisplay + "(" + error.Location.Line + ",", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunOverHostileRowsGivesEveryRowAVerdictExitsTwoAndWritesOnlyUnderArtifacts()
    {
        var random = new Random(Seed + 1);
        var lines = Enumerable.Range(0, 400).Select(i => MutateLine(random, i)).ToList();
        lines.Add("{\"id\":\"../../x\",\"input\":\"q\",\"output\":\"ok\"}");
        lines.Add("{\"id\":\"../../x\",\"input\":\"dup\",\"output\":\"ok\"}");
        lines.Add("{\"id\":\"/etc/passwd\",\"input\":\"q\",\"output\":\"ok\"}");
        _workspace.Write("datasets/hostile.jsonl", string.Join("\n", lines) + "\n");
        var suite = _workspace.Write("eval-suites/hostile/suite.yaml",
            "name: hostile\ndataset: ../../datasets/hostile.jsonl\ntarget: { output: output }\nmetrics:\n  - contains: \"ok\"\n");
        var before = Files(_workspace.Root);

        var run = await EvalRun.ExecuteAsync([suite], new EvalRunOptions { Mode = EvalMode.Replay }, new BaselineSettings(),
            cancellationToken: TestContext.Current.CancellationToken);
        var folder = ArtifactWriter.Write(run, Path.Combine(_workspace.Root, "artifacts", "evals"));

        var result = run.Suites.Single();
        Assert.All(result.Cases, c => Assert.True(Enum.IsDefined(c.Verdict), c.Id));
        Assert.True(result.Cases.Count >= 300, result.Cases.Count + " cases for " + lines.Count + " lines");
        Assert.Contains(result.Cases, c => c.ErrorKind == CaseErrorKind.InvalidInput);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.All(result.ConfigurationErrors, e => Assert.True(e.Location.File.EndsWith("hostile.jsonl", StringComparison.Ordinal) && e.Location.Line >= 1, e.ToString()));
        Assert.True(File.Exists(Path.Combine(folder, "results.json")));
        Assert.StartsWith(Path.Combine(_workspace.Root, "artifacts") + Path.DirectorySeparatorChar, Path.GetFullPath(folder), StringComparison.Ordinal);

        var added = Files(_workspace.Root).Except(before).ToList();
        Assert.NotEmpty(added);
        Assert.All(added, f => Assert.True(
            f.StartsWith("artifacts/", StringComparison.Ordinal) || f.Split('/').Contains("baselines"), "written outside artifacts/baselines: " + f));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(_workspace.Root, "..", "x"))));
    }

    private static SuiteDefinition? Parse(string text, List<ConfigError> errors, int index)
    {
        try
        {
            return new SuiteParser().Parse(text, SuiteDisplay, errors);
        }
        catch (Exception ex)
        {
            Assert.Fail("suite case " + index + " threw " + ex + "\n" + Shown(text));
            return null;
        }
    }

    private static void AssertNamesFileAndLine(ConfigError error, string file, string what, string? text)
    {
        var shown = error.ToString();
        Assert.True(error.Location.File == file && error.Location.Line >= 1 && shown.StartsWith(file + "(", StringComparison.Ordinal),
            what + ": error does not name file and line: " + shown + (text is null ? string.Empty : "\n" + Shown(text)));
    }

    private static string Shown(string text) => text.Length > 400 ? text[..400] + "…" : text;

    private static List<string> Files(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    private static string MutateSuite(Random random, string seed)
    {
        var text = seed;
        var rounds = random.Next(1, 4);
        for (var r = 0; r < rounds; r++)
        {
            text = random.Next(9) switch
            {
                0 => text[..random.Next(text.Length + 1)],
                1 => ReplaceValue(random, text),
                2 => text.Insert(random.Next(text.Length + 1), RandomChars(random, random.Next(1, 20))),
                3 => text + "\n" + Nest(random, random.Next(50, 3_000)),
                4 => text.Replace("\n", "\r\n", StringComparison.Ordinal),
                5 => "\uFEFF" + text,
                6 => text + "\nname: again\nmetrics:\n  - contains: \"x\"\n",
                7 => text.Replace("  - ", random.Next(2) == 0 ? "- " : "    - ", StringComparison.Ordinal),
                _ => ReplaceValue(random, text).Replace(":", random.Next(2) == 0 ? ":" : " :", StringComparison.Ordinal),
            };
        }

        return text;
    }

    private static string ReplaceValue(Random random, string text)
    {
        var lines = text.Split('\n');
        var index = random.Next(lines.Length);
        var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            lines[index] = lines[index][..(colon + 1)] + " " + WrongValues[random.Next(WrongValues.Length)];
        }

        return string.Join('\n', lines);
    }

    private static string Nest(Random random, int depth) => random.Next(3) switch
    {
        0 => "deep: " + new string('[', depth) + new string(']', depth),
        1 => "deep: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth),
        _ => string.Concat(Enumerable.Range(0, Math.Min(depth, 200)).Select(d => new string(' ', d * 2) + "k" + d + ":\n")),
    };

    private static string RandomChars(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(0, 0x3000);
        }

        return new string(chars);
    }

    private static string MutateLine(Random random, int index)
    {
        var line = LineSeeds[random.Next(LineSeeds.Length)];
        return random.Next(12) switch
        {
            0 => line[..random.Next(line.Length + 1)],
            1 => line.Insert(random.Next(line.Length + 1), RandomChars(random, random.Next(1, 10))),
            2 => "{\"id\":\"dup\",\"input\":\"q\",\"output\":\"ok\"}",
            3 => "{\"id\":\"../../x" + index + "\",\"input\":\"q\",\"output\":\"ok\"}",
            4 => "{\"id\":" + new string('9', 400) + ",\"input\":\"q\",\"output\":\"ok\"}",
            5 => "{\"id\":\"d" + index + "\",\"input\":" + new string('[', 2_000) + new string(']', 2_000) + ",\"output\":\"ok\"}",
            6 => "{\"id\":{\"a\":1},\"input\":7,\"output\":[1],\"tags\":{\"x\":1},\"context\":3,\"vars\":[1],\"assert\":\"nope\"}",
            7 => "[1,2,3]",
            8 => "\"just a string\"",
            9 => "{\"id\":\"e" + index + "\",\"input\":\"q\",\"output\":\"ok\",\"assert\":[{\"no-such-metric\":1},{\"regex\":\"(\"}]}",
            10 => "{\"id\":\"n" + index + "\",\"input\":null,\"output\":null}",
            _ => line.Replace("\"a\"", "\"a" + index + "\"", StringComparison.Ordinal),
        };
    }

    private static byte[] MutateBytes(Random random, byte[] bytes, bool light = false)
    {
        var list = new List<byte>(bytes);
        var edits = light ? random.Next(1, 20) : random.Next(0, 4);
        for (var i = 0; i < edits && list.Count > 0; i++)
        {
            var at = random.Next(list.Count);
            switch (random.Next(4))
            {
                case 0:
                    list.InsertRange(at, [0xC3, 0x28]); // an invalid two-byte UTF-8 sequence
                    break;
                case 1:
                    list.InsertRange(at, [0xFF, 0xFE, 0x00]);
                    break;
                case 2:
                    list[at] = (byte)random.Next(256);
                    break;
                default:
                    list.InsertRange(0, [0xEF, 0xBB, 0xBF]);
                    break;
            }
        }

        return [.. list];
    }
}
