using System.Runtime.CompilerServices;
using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Gate;

/// <summary>A/B variants: each case runs under both prompts, and the report names a winner per metric, or none.</summary>
public sealed class VariantTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public VariantTests()
    {
        _workspace.Write("data.jsonl", string.Join("\n", Enumerable.Range(1, 40).Select(i =>
            "{\"id\":\"q" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + "\",\"input\":\"question " + i + "\",\"expected\":\"fact " + i + "\"}")) + "\n");
        _workspace.Write("eval-suites/s/prompts/terse.txt", "Answer tersely: {{input}}");
        _workspace.Write("eval-suites/s/suite.yaml", """
            name: s
            dataset: ../../data.jsonl
            target: { prompt: "Answer: {{input}}", model: m-1 }
            metrics:
              - contains: { field: expected, metric: answer }
              - word-count: { value: { max: 6 }, metric: short }
            gate:
              variants:
                - { name: plain, prompt: "Answer: {{input}}" }
                - { name: terse, prompt: prompts/terse.txt }
            """);
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task EachCaseRunsUnderBothVariantsAndTheReportNamesTheWinners()
    {
        var options = new EvalRunOptions { Mode = EvalMode.Live, ChatClientFactory = (_, _) => new ScriptedModel() };

        var run = await EvalRun.ExecuteAsync([Path.Combine(_workspace.Root, "eval-suites", "s", "suite.yaml")], options, new EvalHarness.Baselines.BaselineSettings(),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["s@plain", "s@terse"], run.Suites.Select(s => s.Name));
        Assert.All(run.Suites, s => Assert.Equal(40, s.Cases.Count));
        var checks = run.Suites[1].Gate.Checks;
        var summary = Assert.Single(checks, c => c.Name == "variants");
        Assert.Equal("plain vs terse on 40 cases (α 0.05, margin 0, Holm across 2 metrics): winner short: terse", summary.Reason);
        Assert.StartsWith("short: terse wins (plain → terse): pass rate 0.0% → 100.0% (Δ +100.0 pts", Assert.Single(checks, c => c.Name == "variants.short").Reason, StringComparison.Ordinal);
        Assert.StartsWith("answer: no winner (plain → terse): pass rate 100.0% → 100.0% (Δ 0.0 pts", Assert.Single(checks, c => c.Name == "variants.answer").Reason, StringComparison.Ordinal);
        Assert.All(checks.Where(c => c.Name.StartsWith("variants", StringComparison.Ordinal)), c => Assert.Equal(Verdict.Pass, c.Verdict));
    }

    [Theory]
    [InlineData("gate:\n  variants:\n    - { name: a, prompt: x }\n", "gate.variants: expected a list of two variants")]
    [InlineData("gate:\n  variants:\n    - { name: a, prompt: x }\n    - { name: a, model: y }\n", "gate.variants[1].name: two variants are both named 'a'")]
    [InlineData("gate:\n  variants:\n    - { name: a, prompt: x }\n    - { name: b }\n", "gate.variants[1]: a variant changes at least one of 'prompt', 'system' or 'model'")]
    public void BadVariantsAreConfigurationErrors(string variants, string expected)
    {
        var errors = new List<ConfigError>();
        var yaml = "name: s\ndataset: d.jsonl\ntarget: { prompt: \"{{input}}\", model: m }\nmetrics:\n  - contains: { value: x }\n" + variants;

        var suite = new SuiteParser().Parse(yaml, "suite.yaml", errors);

        Assert.Null(suite);
        Assert.Contains(expected, Assert.Single(errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void VariantsNeedAPromptTarget()
    {
        var errors = new List<ConfigError>();
        var yaml = "name: s\ndataset: d.jsonl\ntarget: { output: answer }\ngate:\n  variants:\n    - { name: a, prompt: x }\n    - { name: b, prompt: y }\n";

        Assert.Null(new SuiteParser().Parse(yaml, "suite.yaml", errors));
        Assert.Equal("suite.yaml(6,5): error EVH013: gate.variants: variants change the prompt or model of a 'target: { prompt: …, model: … }'; this suite's outputs come from the dataset",
            Assert.Single(errors).ToString());
    }

    // The model endpoint: echoes the fact the question asks for, at length unless told to be terse.
    private sealed class ScriptedModel : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer(messages))));

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, Answer(messages));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }

        private static string Answer(IEnumerable<ChatMessage> messages)
        {
            var prompt = messages.Last().Text;
            var fact = "fact " + prompt[(prompt.LastIndexOf(' ') + 1)..];
            return prompt.StartsWith("Answer tersely", StringComparison.Ordinal) ? "It is " + fact + "." : "Thank you for asking; as far as we know it is " + fact + ".";
        }
    }
}
