using System.Runtime.CompilerServices;
using EvalHarness.Recording;
using EvalHarness.Running;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Telemetry;

/// <summary>A three-case suite (one case answers wrongly) with a uniquely named suite, run against a scripted model that reports usage.</summary>
internal sealed class TelemetryFixture : IDisposable
{
    public const string Model = "gpt-4o-mini";

    private readonly TempWorkspace _workspace = new();

    public TelemetryFixture()
    {
        SuiteName = "otel-" + Guid.NewGuid().ToString("N")[..8];
        _workspace.Write("data.jsonl", """
            {"id":"q1","input":"question 1","expected":"fact 1"}
            {"id":"q2","input":"question 2","expected":"fact 2"}
            {"id":"q3","input":"question 3","expected":"fact 3"}
            """ + "\n");
        SuiteFile = _workspace.Write("eval-suites/s/suite.yaml", "name: " + SuiteName + "\n" + """
            dataset: ../../data.jsonl
            target: { prompt: "Answer: {{input}}", model: gpt-4o-mini }
            metrics:
              - contains: { field: expected, metric: answer }
            """);
    }

    public string SuiteName { get; }

    public string SuiteFile { get; }

    public Task<RunResult> RunAsync() =>
        EvalRun.ExecuteAsync([SuiteFile], new EvalRunOptions { Mode = EvalMode.Live, ChatClientFactory = (_, _) => new ScriptedModel() },
            new EvalHarness.Baselines.BaselineSettings(), cancellationToken: TestContext.Current.CancellationToken);

    public void Dispose() => _workspace.Dispose();

    // The model endpoint: answers "fact N" for questions 1 and 2, something else for 3; 12 input and 5 output tokens per call.
    private sealed class ScriptedModel : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer(messages)))
            {
                ModelId = Model,
                Usage = new UsageDetails { InputTokenCount = 12, OutputTokenCount = 5, TotalTokenCount = 17 },
            });

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, Answer(messages)) { ModelId = Model };
            yield return new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 12, OutputTokenCount = 5, TotalTokenCount = 17 })] };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }

        private static string Answer(IEnumerable<ChatMessage> messages)
        {
            var prompt = messages.Last().Text;
            var n = prompt[(prompt.LastIndexOf(' ') + 1)..];
            return n == "3" ? "I do not know." : "It is fact " + n + ".";
        }
    }
}
