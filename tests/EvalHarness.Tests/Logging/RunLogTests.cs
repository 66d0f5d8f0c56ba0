using EvalHarness.Logging;
using EvalHarness.OpenAI;
using EvalHarness.Recording;
using EvalHarness.Resilience;
using EvalHarness.Running;
using EvalHarness.Testing;
using Microsoft.Extensions.Logging;

namespace EvalHarness.Tests.Logging;

/// <summary>
/// A run against an OpenAI-protocol endpoint that rate-limits once and echoes the key on a 500, logged at trace level behind the redacting
/// provider: the retry, the rate-limit pause, the error case and the recording writes and hits are logged with their named values, and no
/// entry holds the key.
/// </summary>
public sealed class RunLogTests : IDisposable
{
    private const string Key = "sk-proj-RunLogTestKey0123456789abcdefghij";
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task LogsRetriesErrorsAndRecordingsWithNamedValuesAndNeverTheKey()
    {
        var limitedOnce = 0;
        await using var server = FakeOpenAIServer.Start(request => (request.Messages[^1].Content ?? string.Empty) switch
        {
            "limited" when Interlocked.Increment(ref limitedOnce) == 1 => FakeReply.Error(429, "slow down", "requests", "rate_limit_exceeded").WithHeader("Retry-After", "0"),
            "echo-500" => FakeReply.Error(500, "upstream rejected key " + Key + " sent as Authorization: " + request.Authorization),
            var id => FakeReply.Text("ANSWER " + id),
        });
        var suite = WriteSuite(server, "limited", "echo-500", "healthy");
        var capture = new CapturingLoggerProvider();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new RedactingLoggerProvider(capture))))
        {
            var run = await EvalRun.ExecuteAsync([suite], Options(EvalMode.Record, factory), cancellationToken: TestContext.Current.CancellationToken);
            // One case's endpoint failure while the endpoint answered the others is an error verdict (exit 1), not exit 3.
            Assert.Equal(ExitCodes.GateFailed, run.ExitCode);
        }

        var entries = capture.Entries;
        Assert.Contains(server.Requests, r => r.Authorization == "Bearer " + Key);

        var retry = Assert.Single(entries, e => e.EventId == 1100 && e["StatusCode"] is 429);
        Assert.Equal(LogCategories.Resilience, retry.Category);
        Assert.Equal(1, retry["Attempt"]);
        Assert.Equal(0.0, retry["DelayMs"]);
        var pause = Assert.Single(entries, e => e.EventId == 1101);
        Assert.Equal(429, pause["StatusCode"]);
        var gaveUp = Assert.Single(entries, e => e.EventId == 1102);
        Assert.Equal(LogLevel.Warning, gaveUp.Level);
        Assert.Equal(2, gaveUp["Attempts"]);
        Assert.Equal(500, gaveUp["StatusCode"]);

        var error = Assert.Single(entries, e => e.EventId == 1004);
        Assert.Equal((LogLevel.Warning, LogCategories.Running), (error.Level, error.Category));
        Assert.Equal("logs", error["Suite"]);
        Assert.Equal("echo-500", error["CaseId"]);
        Assert.Equal(CaseErrorKind.Infrastructure, error["ErrorKind"]);
        Assert.Contains("HTTP 500", (string)error["Reason"]!, StringComparison.Ordinal);
        Assert.Contains("upstream rejected key *** sent as Authorization: Bearer ***", (string)error["Reason"]!, StringComparison.Ordinal);

        Assert.Equal(["healthy", "limited"], entries.Where(e => e.EventId == 1202).Select(e => (string)e["CaseId"]!).Order(StringComparer.Ordinal));
        Assert.All(entries.Where(e => e.EventId == 1202), e => Assert.Equal((LogLevel.Debug, LogCategories.Recording), (e.Level, e.Category)));
        Assert.Equal(3, entries.Count(e => e.EventId == 1005));
        var finished = Assert.Single(entries, e => e.EventId == 1001);
        Assert.Equal(ExitCodes.GateFailed, finished["ExitCode"]);
        Assert.Equal((3, 2, 1), (finished["CaseCount"], finished["Passed"], finished["Errors"]));
        var suiteDone = Assert.Single(entries, e => e.EventId == 1003);
        Assert.Equal(Verdict.Fail, suiteDone["GateVerdict"]);
        AssertNoSecret(entries);

        // Replaying the same suite: two hits, one miss (the case that never answered is not recorded).
        var replayCapture = new CapturingLoggerProvider();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new RedactingLoggerProvider(replayCapture))))
        {
            await EvalRun.ExecuteAsync([suite], Options(EvalMode.Replay, factory), cancellationToken: TestContext.Current.CancellationToken);
        }

        var replayed = replayCapture.Entries;
        Assert.Equal(["healthy", "limited"], replayed.Where(e => e.EventId == 1200).Select(e => (string)e["CaseId"]!).Order(StringComparer.Ordinal));
        Assert.Equal("echo-500", Assert.Single(replayed, e => e.EventId == 1201)["CaseId"]);
        Assert.Equal(CaseErrorKind.Recording, Assert.Single(replayed, e => e.EventId == 1004)["ErrorKind"]);
        Assert.DoesNotContain(replayed, e => e.Level == LogLevel.Trace);
        AssertNoSecret(replayed);
    }

    [Fact]
    public async Task LogsEachConfigurationErrorWithFileLineAndField()
    {
        var suite = _workspace.Write("eval-suites/bad/suite.yaml", "name: bad\ndataset: missing.jsonl\ntarget: { output: output }\nmetrics:\n  - no-such-metric: 1\n");
        var capture = new CapturingLoggerProvider();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new RedactingLoggerProvider(capture))))
        {
            var run = await EvalRun.ExecuteAsync([suite], new EvalRunOptions { LoggerFactory = factory }, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        }

        var errors = capture.Entries.Where(e => e.EventId == 1006).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(LogLevel.Error, e.Level));
        Assert.All(errors, e => Assert.EndsWith("bad/suite.yaml", ((string)e["File"]!).Replace('\\', '/'), StringComparison.Ordinal));
        Assert.Contains(errors, e => e["Field"] is string field && field.StartsWith("metrics", StringComparison.Ordinal) && e["Line"] is 5);
    }

    [Fact]
    public async Task LogsTheBaselineCheckUnderItsOwnCategory()
    {
        _workspace.Write("eval-suites/out/data.jsonl", "{\"id\":\"a\",\"output\":\"ok\"}\n");
        var suite = _workspace.Write("eval-suites/out/suite.yaml", "name: out\ndataset: data.jsonl\ntarget: { output: output }\nmetrics:\n  - contains: ok\n");
        var capture = new CapturingLoggerProvider();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new RedactingLoggerProvider(capture))))
        {
            await EvalRun.ExecuteAsync([suite], new EvalRunOptions { LoggerFactory = factory }, new EvalHarness.Baselines.BaselineSettings { AcceptRequested = true },
                cancellationToken: TestContext.Current.CancellationToken);
        }

        var check = Assert.Single(capture.Entries, e => e.EventId == 1300);
        Assert.Equal((LogCategories.Baselines, "out", Verdict.Pass), (check.Category, check["Suite"], check["Verdict"]));
        Assert.StartsWith("accepted a new baseline", (string)check["Reason"]!, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(capture.Entries, e => e.EventId == 1003)["Passed"]);
        Assert.DoesNotContain(capture.Entries, e => e.Level < LogLevel.Information);
    }

    [Fact]
    public async Task WritesNothingWithoutALoggerFactory()
    {
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text("ANSWER"));
        var suite = WriteSuite(server, "one");

        var run = await EvalRun.ExecuteAsync([suite], Options(EvalMode.Live, null), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Passed, run.ExitCode);
    }

    private string WriteSuite(FakeOpenAIServer server, params string[] ids)
    {
        _workspace.Write("data.jsonl", string.Join("\n", ids.Select(id => "{\"id\":\"" + id + "\",\"input\":\"" + id + "\"}")) + "\n");
        return _workspace.Write("eval-suites/logs/suite.yaml",
            "name: logs\ndataset: ../../data.jsonl\nprovider: { base_url: \"" + server.BaseUrl + "\", model: m, api_key_env: RUN_LOG_TEST_KEY }\n" +
            "target: { prompt: \"{{input}}\" }\nmetrics:\n  - contains: ANSWER\n");
    }

    private static EvalRunOptions Options(EvalMode mode, ILoggerFactory? factory) => new()
    {
        Mode = mode,
        ChatClientFactory = OpenAIChatClientFactory.ForSuites(name => name == "RUN_LOG_TEST_KEY" ? Key : null),
        Resilience = new ResilienceOptions { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(1), UseJitter = false },
        MaxConcurrency = 1,
        LoggerFactory = factory,
    };

    private static void AssertNoSecret(IReadOnlyList<CapturedEntry> entries)
    {
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            SecretScan.AssertClean("log entry " + entry.EventId, entry.AllText, Key);
        }
    }
}
