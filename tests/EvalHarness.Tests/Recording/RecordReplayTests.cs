using EvalHarness.OpenAI;
using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Suites;
using EvalHarness.Testing;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Recording;

/// <summary>Record → replay through a real OpenAI-protocol HTTP server on 127.0.0.1 and the real OpenAI SDK client.</summary>
public sealed class RecordReplayTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static FakeOpenAIServer AnsweringServer() => FakeOpenAIServer.Start(request =>
        FakeReply.Text("Answer to: " + request.Messages[^1].Content, promptTokens: 12, completionTokens: 7)
            .WithChunks("Answer ", "to: ", request.Messages[^1].Content ?? string.Empty)
            .WithFirstChunkDelay(TimeSpan.FromMilliseconds(30)));

    private string SuiteFile(Uri baseUrl, string temperature = "0")
    {
        _workspace.Write("data.jsonl", """
            {"id":"refund","input":"How do refunds work?"}
            {"id":"reset","input":"How do I reset my password?"}
            {"id":"bad/id","input":"Ünïcödé ✓"}
            """);
        return _workspace.Write("eval-suites/chat/suite.yaml",
            "name: chat\ndataset: ../../data.jsonl\nprovider: { base_url: \"" + baseUrl + "\", model: test-model }\n" +
            "target: { prompt: \"Q: {{input}}\", temperature: " + temperature + " }\nmetrics:\n  - contains: \"Answer to: Q:\"\n  - latency: { max_ms: 10000 }\n");
    }

    private static EvalRunOptions Options(EvalMode mode) => new() { Mode = mode, ChatClientFactory = OpenAIChatClientFactory.ForSuites(_ => null) };

    private static async Task<SuiteResult> RunAsync(string suite, EvalMode mode) =>
        (await EvalRun.ExecuteAsync([suite], Options(mode), cancellationToken: TestContext.Current.CancellationToken)).Suites.Single();

    [Fact]
    public async Task RecordedCallsReplayWithoutTheServerAndGiveIdenticalResults()
    {
        string suite;
        SuiteResult recorded;
        await using (var server = AnsweringServer())
        {
            suite = SuiteFile(server.BaseUrl);
            recorded = await RunAsync(suite, EvalMode.Record);
            Assert.Equal(3, server.Requests.Count);
            Assert.All(server.Requests, r => Assert.True(r.Stream));
        }

        var recordings = Directory.GetFiles(Path.Combine(_workspace.Root, "eval-suites", "chat", "recordings"));
        Assert.Equal(3, recordings.Length);
        Assert.Contains(recordings, f => Path.GetFileName(f).StartsWith("bad_id.", StringComparison.Ordinal));
        Assert.All(recorded.Cases, c => Assert.Equal(Verdict.Pass, c.Verdict));
        Assert.All(recorded.Cases, c => Assert.InRange(c.Measurements.TimeToFirstTokenMs!.Value, 25, 10_000));
        Assert.Equal("Answer to: Q: Ünïcödé ✓", recorded.Cases[2].Output);

        // The server is gone: replay must not need it.
        var first = await RunAsync(suite, EvalMode.Replay);
        var second = await RunAsync(suite, EvalMode.Replay);

        foreach (var replay in new[] { first, second })
        {
            Assert.Equal(recorded.Cases.Select(c => c.Output), replay.Cases.Select(c => c.Output));
            Assert.Equal(recorded.Cases.Select(c => c.Verdict), replay.Cases.Select(c => c.Verdict));
            Assert.All(replay.Cases, c => Assert.True(c.Measurements.Replayed));
            Assert.Equal(19, replay.Cases[0].Measurements.Usage!.TotalTokenCount);
        }

        Assert.Equal(first.Cases.Select(c => (c.Measurements.LatencyMs, c.Measurements.TimeToFirstTokenMs)),
            second.Cases.Select(c => (c.Measurements.LatencyMs, c.Measurements.TimeToFirstTokenMs)));
        Assert.Equal(first.Cases.SelectMany(c => c.Metrics).Select(m => m.Reason), second.Cases.SelectMany(c => c.Metrics).Select(m => m.Reason));
    }

    [Fact]
    public async Task AutoModeReplaysWhatIsRecordedAndCallsTheServerForTheRest()
    {
        await using var server = AnsweringServer();
        var suite = SuiteFile(server.BaseUrl);
        await RunAsync(suite, EvalMode.Record);
        File.Delete(Directory.GetFiles(Path.Combine(_workspace.Root, "eval-suites", "chat", "recordings"), "reset.*").Single());

        var auto = await RunAsync(suite, EvalMode.Auto);

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal([true, false, true], auto.Cases.Select(c => c.Measurements.Replayed));
        Assert.All(auto.Cases, c => Assert.Equal(Verdict.Pass, c.Verdict));
    }

    [Fact]
    public async Task ChangingAnOptionChangesTheKeySoReplayReportsTheMissingRecording()
    {
        await using (var server = AnsweringServer())
        {
            await RunAsync(SuiteFile(server.BaseUrl), EvalMode.Record);
        }

        var changed = SuiteFile(new Uri("http://127.0.0.1:9/v1/"), temperature: "0.7");
        var replay = await RunAsync(changed, EvalMode.Replay);

        Assert.All(replay.Cases, c =>
        {
            Assert.Equal(Verdict.Error, c.Verdict);
            Assert.Equal(CaseErrorKind.Recording, c.ErrorKind);
            Assert.Contains("record it with: EVALHARNESS_MODE=record evalharness run", c.Error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task TamperedRecordingIsAnErrorNotAReplay()
    {
        string suite;
        await using (var server = AnsweringServer())
        {
            suite = SuiteFile(server.BaseUrl);
            await RunAsync(suite, EvalMode.Record);
        }

        var file = Directory.GetFiles(Path.Combine(_workspace.Root, "eval-suites", "chat", "recordings"), "refund.*").Single();
        File.WriteAllText(file, File.ReadAllText(file).Replace("How do refunds work?\"", "How do refunds work? (edited)\"", StringComparison.Ordinal));

        var replay = await RunAsync(suite, EvalMode.Replay);

        Assert.Equal(Verdict.Error, replay.Cases[0].Verdict);
        Assert.Contains("failed its content-hash check", replay.Cases[0].Error, StringComparison.Ordinal);
        Assert.Equal([Verdict.Pass, Verdict.Pass], replay.Cases.Skip(1).Select(c => c.Verdict));
    }

    [Fact]
    public async Task RecordingsAndResultsNeverContainTheApiKey()
    {
        const string Key = "sk-test-5f1d7c0e9a2b4c6d8e0f";
        await using var server = AnsweringServer();
        _workspace.Write("data.jsonl", "{\"id\":\"a\",\"input\":\"hello\"}\n");
        var suite = _workspace.Write("eval-suites/chat/suite.yaml",
            "name: chat\ndataset: ../../data.jsonl\nprovider: { base_url: \"" + server.BaseUrl + "\", model: m, api_key_env: MY_KEY }\n" +
            "target: { prompt: \"{{input}}\" }\nmetrics:\n  - contains: Answer\n");
        var options = new EvalRunOptions { Mode = EvalMode.Record, ChatClientFactory = OpenAIChatClientFactory.ForSuites(name => name == "MY_KEY" ? Key : null) };

        var run = await EvalRun.ExecuteAsync([suite], options, cancellationToken: TestContext.Current.CancellationToken);
        var folder = EvalHarness.Reporting.ArtifactWriter.Write(run, Path.Combine(_workspace.Root, "artifacts"));

        Assert.Equal("Bearer " + Key, Assert.Single(server.Requests).Authorization);
        var written = Directory.GetFiles(_workspace.Root, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".jsonl", StringComparison.Ordinal)).ToList();
        Assert.Contains(written, f => f.Contains("recordings", StringComparison.Ordinal));
        Assert.Contains(written, f => f.StartsWith(folder, StringComparison.Ordinal));
        Assert.All(written, f => Assert.DoesNotContain(Key, File.ReadAllText(f), StringComparison.Ordinal));
        Assert.All(written, f => Assert.DoesNotContain("Bearer", File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ErrorResponsesAreNeverRecorded()
    {
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Error(400, "bad request"));
        var suite = SuiteFile(server.BaseUrl);

        var result = await RunAsync(suite, EvalMode.Record);

        Assert.All(result.Cases, c => Assert.Equal(Verdict.Error, c.Verdict));
        Assert.False(Directory.Exists(Path.Combine(_workspace.Root, "eval-suites", "chat", "recordings")));
    }
}
