using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EvalHarness.Testing;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// The logs of <c>evalharness run</c>: on stderr only, at the level and format of <c>EVALHARNESS_LOG_LEVEL</c>/<c>EVALHARNESS_LOG_FORMAT</c>
/// (or <c>--log-level</c>/<c>--log-format</c>), one JSON object per line in the JSON format, kept as <c>log.jsonl</c> in the run folder when a
/// level is asked for, and never holding the API key even when the endpoint echoes it back.
/// </summary>
public sealed partial class LoggingTests : IDisposable
{
    private const string Key = "sk-proj-CliLoggingKey0123456789abcdefghijk";
    private readonly TempRepository _repo = new("evh-logs");

    public void Dispose() => _repo.Dispose();

    [GeneratedRegex(@"Authorization\s*[:=]\s*(?!(Bearer |Basic )?\*\*\*)\S", RegexOptions.IgnoreCase)]
    private static partial Regex UnredactedHeader();

    [GeneratedRegex(@"Bearer\s+(?!\*\*\*)\S")]
    private static partial Regex UnredactedBearer();

    [Fact]
    public async Task TraceJsonLogsOnStderrAreOneJsonObjectPerLineWithNamedValuesAndNeverTheKey()
    {
        var limitedOnce = 0;
        await using var server = FakeOpenAIServer.Start(request => (request.Messages[^1].Content ?? string.Empty) switch
        {
            "limited" when Interlocked.Increment(ref limitedOnce) == 1 => FakeReply.Error(429, "slow down", "requests", "rate_limit_exceeded").WithHeader("Retry-After", "0"),
            "echo-500" => FakeReply.Error(500, "upstream rejected key " + Key + " sent as Authorization: " + request.Authorization).WithHeader("Retry-After", "0"),
            var id => FakeReply.Text("ANSWER " + id),
        });
        _repo.Write("data.jsonl", "{\"id\":\"limited\",\"input\":\"limited\"}\n{\"id\":\"echo-500\",\"input\":\"echo-500\"}\n{\"id\":\"healthy\",\"input\":\"healthy\"}\n");
        var suite = _repo.Write("eval-suites/keyed/suite.yaml",
            "name: keyed\ndataset: ../../data.jsonl\nprovider: { base_url: \"" + server.BaseUrl + "\", model: m, api_key_env: CLI_LOG_KEY }\n" +
            "target: { prompt: \"{{input}}\" }\nmetrics:\n  - contains: ANSWER\n");
        var env = Env(("CLI_LOG_KEY", Key), ("EVALHARNESS_LOG_LEVEL", "trace"), ("EVALHARNESS_LOG_FORMAT", "json"), ("EVALHARNESS_MODE", "record"),
            ("EVALHARNESS_MAX_RETRIES", "1"));

        var (code, output, error) = await CliRunner.RunAsync(["run", suite, "--max-concurrency", "1"], env);

        Assert.Equal(1, code); // one case fails at the endpoint while it answers the others: a failed gate, not "never answered"
        Assert.Contains(server.Requests, r => r.Authorization == "Bearer " + Key);
        var lines = JsonLines(error);
        Assert.All(lines, line =>
        {
            Assert.Equal(["Timestamp", "EventId", "LogLevel", "Category", "Message", "State"], line.Select(p => p.Key).Take(6));
            Assert.StartsWith("EvalHarness.", line["Category"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        var retry = Assert.Single(lines, l => Event(l) == 1100 && l["State"]!["StatusCode"]!.GetValue<int>() == 429);
        Assert.Equal(("Information", "EvalHarness.Resilience", 1), (retry["LogLevel"]!.GetValue<string>(), retry["Category"]!.GetValue<string>(),
            retry["State"]!["Attempt"]!.GetValue<int>()));
        var failed = Assert.Single(lines, l => Event(l) == 1004);
        Assert.Equal(("Warning", "keyed", "echo-500", "Infrastructure"), (failed["LogLevel"]!.GetValue<string>(), failed["State"]!["Suite"]!.GetValue<string>(),
            failed["State"]!["CaseId"]!.GetValue<string>(), failed["State"]!["ErrorKind"]!.GetValue<string>()));
        Assert.Contains("upstream rejected key *** sent as Authorization: Bearer ***", failed["State"]!["Reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(lines, l => Event(l) == 1202 && l["LogLevel"]!.GetValue<string>() == "Debug");
        Assert.Contains(lines, l => Event(l) == 1005 && l["LogLevel"]!.GetValue<string>() == "Trace");
        Assert.Equal(1, Assert.Single(lines, l => Event(l) == 1001)["State"]!["ExitCode"]!.GetValue<int>());

        // The same entries are kept beside the results, as JSON lines.
        var logFile = Path.Combine(_repo.Artifacts, "latest", "log.jsonl");
        Assert.Equal(lines.Select(Event), JsonLines(File.ReadAllText(logFile)).Select(Event));

        var texts = Directory.EnumerateFiles(_repo.Root, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("data.jsonl", StringComparison.Ordinal))
            .Select(f => (Name: f, Text: File.ReadAllText(f)))
            .Append((Name: "stderr", Text: error))
            .Append((Name: "stdout", Text: output))
            .ToList();
        Assert.Contains(texts, t => t.Name.EndsWith("log.jsonl", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Name.Contains("recordings", StringComparison.Ordinal));
        foreach (var (name, text) in texts)
        {
            Assert.False(text.Contains(Key, StringComparison.Ordinal), name + " contains the API key");
            Assert.False(text.Contains(Key[..16], StringComparison.Ordinal), name + " contains a prefix of the API key");
            Assert.False(UnredactedHeader().IsMatch(text), name + " contains an Authorization value: " + UnredactedHeader().Match(text).Value);
            Assert.False(UnredactedBearer().IsMatch(text), name + " contains a bearer token: " + UnredactedBearer().Match(text).Value);
        }
    }

    [Fact]
    public async Task ByDefaultOnlyWarningsAreLoggedAndTheRunFolderHasNoLog()
    {
        var (code, output, error) = await CliRunner.RunAsync(["run", OutputSuite()], Env());

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.DoesNotContain("EvalHarness.", output, StringComparison.Ordinal);
        Assert.Equal(["report.html", "results.csv", "results.json", "summary.md"],
            Directory.GetFiles(Path.Combine(_repo.Artifacts, "latest")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SimpleFormatGoesToStderrAndJsonSummaryOnStdoutStaysParseable()
    {
        var (code, output, error) = await CliRunner.RunAsync(["run", OutputSuite(), "--json", "--log-level", "information"], Env());

        Assert.Equal(0, code);
        Assert.Equal(0, JsonNode.Parse(output)!["exitCode"]!.GetValue<int>());
        Assert.DoesNotContain("EvalHarness.", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\d\d:\d\d:\d\d\.\d{3} info: EvalHarness\.Running\[1001\] Run \S+ finished in \d+ ms: 1 suite\(s\), 2 case\(s\) \(2 passed", error);
        Assert.DoesNotContain("dbug:", error, StringComparison.Ordinal);
        Assert.Contains(JsonLines(File.ReadAllText(Path.Combine(_repo.Artifacts, "latest", "log.jsonl"))), l => Event(l) == 1003);
    }

    [Fact]
    public async Task TheCommandLineOptionsWinOverTheVariables()
    {
        var env = Env(("EVALHARNESS_LOG_LEVEL", "none"), ("EVALHARNESS_LOG_FORMAT", "simple"));

        var (code, _, error) = await CliRunner.RunAsync(["run", OutputSuite(), "--log-level", "debug", "--log-format", "json"], env);

        Assert.Equal(0, code);
        Assert.Contains(JsonLines(error), l => Event(l) == 1000 && l["State"]!["Mode"]!.GetValue<string>() == "auto");
    }

    [Theory]
    [InlineData("EVALHARNESS_LOG_LEVEL", "verbose", "EVALHARNESS_LOG_LEVEL='verbose' is not a log level: use trace, debug, information, warning, error, critical, none")]
    [InlineData("EVALHARNESS_LOG_LEVEL", "3", "EVALHARNESS_LOG_LEVEL='3' is not a log level")]
    [InlineData("EVALHARNESS_LOG_FORMAT", "xml", "EVALHARNESS_LOG_FORMAT='xml' is not a log format: use simple or json")]
    public async Task AnInvalidVariableExitsTwoNamingIt(string variable, string value, string message)
    {
        var (code, output, error) = await CliRunner.RunAsync(["run", OutputSuite()], Env((variable, value)));

        Assert.Equal(2, code);
        Assert.Contains("evalharness: " + message, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
        Assert.False(Directory.Exists(_repo.Artifacts), "a run with invalid log settings must not start");
    }

    [Fact]
    public async Task AnInvalidOptionExitsTwoNamingIt()
    {
        var (code, _, error) = await CliRunner.RunAsync(["run", OutputSuite(), "--log-level", "loud"], Env());

        Assert.Equal(2, code);
        Assert.Contains("evalharness: --log-level='loud' is not a log level", error, StringComparison.Ordinal);
    }

    private string OutputSuite()
    {
        _repo.Write("data.jsonl", "{\"id\":\"a\",\"out\":\"ok 1\"}\n{\"id\":\"b\",\"out\":\"ok 2\"}\n");
        return _repo.Write("eval-suites/out/suite.yaml", "name: out\ndataset: ../../data.jsonl\ntarget: { output: out }\nmetrics:\n  - contains: ok\n");
    }

    private Dictionary<string, string> Env(params (string Name, string Value)[] values)
    {
        var env = new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = _repo.Artifacts };
        foreach (var (name, value) in values)
        {
            env[name] = value;
        }

        return env;
    }

    private static int Event(JsonObject line) => line["EventId"]!.GetValue<int>();

    private static List<JsonObject> JsonLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        return [.. lines.Select(line =>
        {
            try
            {
                return JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not an object");
            }
            catch (JsonException ex)
            {
                Assert.Fail("not a JSON object (" + ex.Message + "): " + line);
                throw;
            }
        })];
    }
}
