using System.Collections.Concurrent;
using EvalHarness.OpenAI;
using EvalHarness.Recording;
using EvalHarness.Reporting;
using EvalHarness.Resilience;
using EvalHarness.Running;
using EvalHarness.Testing;

namespace EvalHarness.Tests.Reliability;

/// <summary>
/// A prompt-target suite run end to end (EvalRun, the real OpenAI client, the resilience layer) against a <see cref="FakeOpenAIServer"/>
/// that injects one fault per case: every case gets a verdict, Error counts equal the faults, retries stay bounded, exit codes follow the contract.
/// </summary>
public sealed class ProviderFaultTests : IDisposable
{
    private const string EmptyChoices = "{\"id\":\"chatcmpl-x\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[]}";

    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    // Transient faults the endpoint may send; each one is retryable.
    private static readonly Dictionary<string, Func<FakeReply>> Transient = new(StringComparer.Ordinal)
    {
        ["r429-after"] = () => FakeReply.Error(429, "Rate limit reached", "requests", "rate_limit_exceeded").WithHeader("Retry-After", "0"),
        ["r429-bare"] = () => FakeReply.Error(429, "Rate limit reached", "requests", "rate_limit_exceeded"),
        ["r500"] = () => FakeReply.Error(500, "boom"),
        ["r502"] = () => FakeReply.Error(502, "bad gateway"),
        ["r503"] = () => FakeReply.Error(503, "overloaded"),
        ["reset-before"] = FakeReply.ResetConnection,
        ["reset-at-stream-start"] = () => FakeReply.Text("never sent").WithAbortAfterChunks(0),
    };

    private static FakeReply Healthy(string id) => FakeReply.Text("ANSWER " + id);

    private string Suite(FakeOpenAIServer server, IEnumerable<string> ids, int timeoutMs = 10_000)
    {
        _workspace.Write("data.jsonl", string.Join("\n", ids.Select(id => "{\"id\":\"" + id + "\",\"input\":\"" + id + "\"}")) + "\n");
        return _workspace.Write("eval-suites/faults/suite.yaml",
            "name: faults\ndataset: ../../data.jsonl\nprovider: { base_url: \"" + server.BaseUrl + "\", model: test-model }\n" +
            "timeout_ms: " + timeoutMs + "\nmax_concurrency: 4\ntarget: { prompt: \"{{input}}\" }\nmetrics:\n  - contains: \"ANSWER\"\n");
    }

    private static EvalRunOptions Options(int maxRetries) => new()
    {
        Mode = EvalMode.Live,
        ChatClientFactory = OpenAIChatClientFactory.ForSuites(_ => null),
        Resilience = new ResilienceOptions
        {
            MaxRetries = maxRetries,
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(5),
            UseJitter = false,
        },
    };

    private static string IdOf(FakeChatRequest request) => request.Messages[^1].Content ?? string.Empty;

    private RunResult WrittenAndReadBack(RunResult run)
    {
        var folder = ArtifactWriter.Write(run, Path.Combine(_workspace.Root, "artifacts"));
        var back = ResultsJsonReader.Read(Path.Combine(folder, "results.json"));
        Assert.Equal(run.Suites.Sum(s => s.Cases.Count), back.Suites.Sum(s => s.Cases.Count));
        Assert.Equal(run.Suites.SelectMany(s => s.Cases).Select(c => (c.Id, c.Verdict)), back.Suites.SelectMany(s => s.Cases).Select(c => (c.Id, c.Verdict)));
        Assert.True(back.Complete);
        Assert.Equal(run.ExitCode, back.ExitCode);
        return back;
    }

    [Fact]
    public async Task TransientFaultsThatClearOnRetryLeaveEveryCasePassingWithinTheRetryBound()
    {
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var server = FakeOpenAIServer.Start(request =>
        {
            var id = IdOf(request);
            var attempt = attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            return attempt == 1 && Transient.TryGetValue(id, out var fault) ? fault() : Healthy(id);
        });
        var ids = Transient.Keys.Append("healthy-1").Append("healthy-2").ToList();

        var run = await EvalRun.ExecuteAsync([Suite(server, ids)], Options(maxRetries: 2), cancellationToken: TestContext.Current.CancellationToken);

        var cases = run.Suites.Single().Cases;
        Assert.Equal(ids.Order(StringComparer.Ordinal), cases.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(cases, c => Assert.True(c.Verdict == Verdict.Pass, c.Id + ": " + c.Verdict + " " + c.Error));
        Assert.All(Transient.Keys, id => Assert.Equal(2, attempts[id]));
        Assert.Equal(1, attempts["healthy-1"]);
        Assert.Equal(ExitCodes.Passed, run.ExitCode);
        WrittenAndReadBack(run);
    }

    [Fact]
    public async Task PersistentTransientFaultsAreInfrastructureErrorsOneForEachFaultAndExitOneWhileTheEndpointAnswersOthers()
    {
        const int maxRetries = 1;
        await using var server = FakeOpenAIServer.Start(request =>
            Transient.TryGetValue(IdOf(request), out var fault) ? fault() : Healthy(IdOf(request)));
        var ids = Transient.Keys.Append("healthy-1").Append("healthy-2").ToList();

        var run = await EvalRun.ExecuteAsync([Suite(server, ids)], Options(maxRetries), cancellationToken: TestContext.Current.CancellationToken);

        var cases = run.Suites.Single().Cases;
        Assert.Equal(ids.Count, cases.Count);
        Assert.Equal(Transient.Count, cases.Count(c => c.Verdict == Verdict.Error));
        Assert.All(cases.Where(c => Transient.ContainsKey(c.Id)), c =>
        {
            Assert.Equal(Verdict.Error, c.Verdict);
            Assert.True(c.ErrorKind == CaseErrorKind.Infrastructure, c.Id + ": " + c.ErrorKind + " " + c.Error);
            Assert.False(string.IsNullOrWhiteSpace(c.Error));
        });
        Assert.All(cases.Where(c => !Transient.ContainsKey(c.Id)), c => Assert.Equal(Verdict.Pass, c.Verdict));
        foreach (var id in Transient.Keys)
        {
            Assert.InRange(server.Requests.Count(r => IdOf(r) == id), 1, maxRetries + 1);
        }

        // The endpoint answered the healthy cases, so this is a failed gate with errors, not 'the endpoint never answered' (exit 3).
        Assert.Equal(ExitCodes.GateFailed, run.ExitCode);
        WrittenAndReadBack(run);
    }

    [Fact]
    public async Task BrokenAnswersAreErrorsButNotInfrastructureSoTheExitCodeIsNotThree()
    {
        var broken = new Dictionary<string, Func<FakeReply>>(StringComparer.Ordinal)
        {
            ["malformed-json"] = () => FakeReply.Malformed(),
            ["empty-choices"] = () => FakeReply.Malformed(EmptyChoices),
            ["stall"] = () => FakeReply.Text("ANSWER late").WithDelay(TimeSpan.FromSeconds(30)),
            ["stall-mid-stream"] = () => FakeReply.Text("ANSWER slowly arriving here").WithChunkDelay(TimeSpan.FromSeconds(30)),
        };
        await using var server = FakeOpenAIServer.Start(request =>
            broken.TryGetValue(IdOf(request), out var fault) ? fault() : Healthy(IdOf(request)));
        var ids = broken.Keys.Append("healthy-1").ToList();

        var run = await EvalRun.ExecuteAsync([Suite(server, ids, timeoutMs: 1500)], Options(maxRetries: 1), cancellationToken: TestContext.Current.CancellationToken);

        var cases = run.Suites.Single().Cases;
        Assert.Equal(ids.Count, cases.Count);
        Assert.Equal(broken.Count, cases.Count(c => c.Verdict == Verdict.Error));
        Assert.All(cases.Where(c => broken.ContainsKey(c.Id)), c => Assert.True(
            c.Verdict == Verdict.Error && c.ErrorKind is not CaseErrorKind.Infrastructure and not CaseErrorKind.None, c.Id + ": " + c.ErrorKind + " " + c.Error));
        Assert.Equal(CaseErrorKind.Timeout, cases.Single(c => c.Id == "stall").ErrorKind);
        Assert.Contains("choices", cases.Single(c => c.Id == "empty-choices").Error, StringComparison.Ordinal);
        Assert.Equal(Verdict.Pass, cases.Single(c => c.Id == "healthy-1").Verdict);
        Assert.Equal(ExitCodes.GateFailed, run.ExitCode);
        WrittenAndReadBack(run);
    }

    [Fact]
    public async Task ResetInTheMiddleOfAStreamIsAnErrorForThatCaseOnly()
    {
        await using var server = FakeOpenAIServer.Start(request => IdOf(request) == "truncated"
            ? FakeReply.Text("ANSWER that is cut off half way").WithAbortAfterChunks(2)
            : Healthy(IdOf(request)));

        var run = await EvalRun.ExecuteAsync([Suite(server, ["truncated", "healthy-1"])], Options(maxRetries: 2),
            cancellationToken: TestContext.Current.CancellationToken);

        var cases = run.Suites.Single().Cases;
        var truncated = cases.Single(c => c.Id == "truncated");
        Assert.True(truncated.Verdict == Verdict.Error, truncated.ErrorKind + " " + truncated.Error + " output=" + truncated.Output);
        Assert.InRange(server.Requests.Count(r => IdOf(r) == "truncated"), 1, 3);
        Assert.Equal(Verdict.Pass, cases.Single(c => c.Id == "healthy-1").Verdict);
        WrittenAndReadBack(run);
    }

    [Fact]
    public async Task AnEndpointThatNeverAnswersGivesExitThreeForEveryCase()
    {
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.ResetConnection());
        var ids = new[] { "a", "b", "c" };

        var run = await EvalRun.ExecuteAsync([Suite(server, ids)], Options(maxRetries: 1), cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(run.Suites.Single().Cases, c => Assert.Equal(CaseErrorKind.Infrastructure, c.ErrorKind));
        Assert.InRange(server.Requests.Count, ids.Length, ids.Length * 2);
        Assert.Equal(ExitCodes.Infrastructure, run.ExitCode);
        WrittenAndReadBack(run);
    }
}
