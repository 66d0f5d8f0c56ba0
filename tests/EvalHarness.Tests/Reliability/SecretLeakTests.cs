using EvalHarness.Logging;
using EvalHarness.OpenAI;
using EvalHarness.Recording;
using EvalHarness.Reporting;
using EvalHarness.Resilience;
using EvalHarness.Running;
using EvalHarness.Testing;
using EvalHarness.Tests.Logging;
using Microsoft.Extensions.Logging;

namespace EvalHarness.Tests.Reliability;

/// <summary>
/// A suite run with an API key set (<c>api_key_env</c>) against a hostile endpoint that echoes the key and the Authorization header back in
/// its error messages: no artifact, recording, report, error text or log entry (every level, through the redacting provider) the run produces
/// contains the key or an unredacted Authorization/Bearer value.
/// </summary>
public sealed class SecretLeakTests : IDisposable
{
    private const string Key = "sk-proj-R3l1abilityTestKey0123456789abcdef";
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task NoArtifactRecordingReportOrErrorTextContainsTheKeyEvenWhenTheEndpointEchoesIt()
    {
        await using var server = FakeOpenAIServer.Start(request => (request.Messages[^1].Content ?? string.Empty) switch
        {
            "echo-401" => FakeReply.Error(401, "Incorrect API key provided: " + request.Authorization?.Replace("Bearer ", string.Empty, StringComparison.Ordinal),
                "invalid_request_error", "invalid_api_key"),
            "echo-500" => FakeReply.Error(500, "upstream rejected header Authorization: " + request.Authorization),
            "echo-429" => FakeReply.Error(429, "rate limited for key " + Key, "requests", "rate_limit_exceeded").WithHeader("Retry-After", "0"),
            "echo-malformed" => FakeReply.Malformed("{\"error\": \"" + request.Authorization + "\", \"choices\": ["),
            var id => FakeReply.Text("ANSWER " + id),
        });
        var ids = new[] { "echo-401", "echo-500", "echo-429", "echo-malformed", "healthy" };
        _workspace.Write("data.jsonl", string.Join("\n", ids.Select(id => "{\"id\":\"" + id + "\",\"input\":\"" + id + "\"}")) + "\n");
        var suite = _workspace.Write("eval-suites/secret/suite.yaml",
            "name: secret\ndataset: ../../data.jsonl\nprovider: { base_url: \"" + server.BaseUrl + "\", model: m, api_key_env: MY_EVAL_KEY }\n" +
            "target: { prompt: \"{{input}}\" }\nmetrics:\n  - contains: ANSWER\n");
        var options = new EvalRunOptions
        {
            Mode = EvalMode.Record,
            ChatClientFactory = OpenAIChatClientFactory.ForSuites(name => name == "MY_EVAL_KEY" ? Key : null),
            Resilience = new ResilienceOptions { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(1), UseJitter = false },
        };

        var logs = new CapturingLoggerProvider();
        RunResult run;
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new RedactingLoggerProvider(logs))))
        {
            run = await EvalRun.ExecuteAsync([suite], options with { LoggerFactory = factory }, cancellationToken: TestContext.Current.CancellationToken);
        }

        var folder = ArtifactWriter.Write(run, Path.Combine(_workspace.Root, "artifacts"));

        // The key did reach the endpoint (so the test would catch a leak), and the endpoint's echoes did reach the client.
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + Key, r.Authorization));
        var cases = run.Suites.Single().Cases;
        Assert.Equal(4, cases.Count(c => c.Verdict == Verdict.Error));
        Assert.Equal(Verdict.Pass, cases.Single(c => c.Id == "healthy").Verdict);

        var written = Directory.GetFiles(_workspace.Root, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("data.jsonl", StringComparison.Ordinal)).ToList();
        Assert.Contains(written, f => f.Contains("recordings", StringComparison.Ordinal));
        Assert.Contains(written, f => f.EndsWith("results.json", StringComparison.Ordinal));
        Assert.True(Directory.GetFiles(folder).Length >= 3, "expected every report format in " + folder);
        // The log scan is not vacuous: the retries and each error case were logged, with the endpoint's echoes in their reasons.
        Assert.Contains(logs.Entries, e => e.EventId == 1100);
        Assert.Equal(4, logs.Entries.Count(e => e.EventId == 1004));
        var texts = written.Select(f => (Name: f, Text: File.ReadAllText(f)))
            .Concat(cases.Select(c => (Name: "case " + c.Id, Text: c.Error + "\n" + c.Output + "\n" + string.Join("\n", c.Metrics.Select(m => m.Reason)))))
            .Concat(logs.Entries.Select((e, i) => (Name: "log entry " + i + " (event " + e.EventId + ")", Text: e.AllText)));
        foreach (var (name, text) in texts)
        {
            SecretScan.AssertClean(name, text, Key);
        }
    }
}
