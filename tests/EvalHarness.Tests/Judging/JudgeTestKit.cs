using System.Text.Json.Nodes;
using EvalHarness.Judging;
using EvalHarness.Metrics;
using EvalHarness.Resilience;
using EvalHarness.Suites;
using EvalHarness.Testing;
using EvalHarness.Tests.Resilience;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Judging;

/// <summary>Judge metrics as a suite reaches them (a <c>metrics:</c> entry, parsed and created through the registry), judged through the
/// real OpenAI client and the resilience layer by a scripted <see cref="FakeOpenAIServer"/> on 127.0.0.1, on a fake clock.</summary>
internal static class JudgeTestKit
{
    public const string SuiteFile = "eval-suites/judged/suite.yaml";
    public const string Output = "OUTPUT-7f3: Refunds are issued within 14 days.";
    public const string Other = "OTHER-2c9: We do not do refunds.";

    public static JudgeConfiguration Judge(FakeOpenAIServer server, InstantTimeProvider time, JudgeOptions? options = null, ResilienceOptions? resilience = null)
    {
        var resilient = new ResilientChatClient(ResilienceTestKit.Endpoint(server), resilience ?? ResilienceTestKit.Options(time, maxRetries: 2),
            new EndpointLimiter(timeProvider: time));
        return new JudgeConfiguration(resilient, (options ?? new JudgeOptions()) with { TimeProvider = time });
    }

    /// <summary>Parses a suite with a judge section whose only metric is <paramref name="entry"/>, and creates it bound to <paramref name="judge"/>.</summary>
    public static IMetric Create(string entry, JudgeConfiguration? judge, string suiteFile = SuiteFile)
    {
        var errors = new List<ConfigError>();
        var suite = new SuiteParser().Parse(Suite(entry), suiteFile, errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return MetricRegistry.CreateDefault().Create(suite!.Metrics[0], judge);
    }

    /// <summary>The first load-time error of the entry (parser or metric creation).</summary>
    public static string LoadError(string entry, string suiteFile = SuiteFile)
    {
        var errors = new List<ConfigError>();
        var suite = new SuiteParser().Parse(Suite(entry), suiteFile, errors);
        if (suite is not null)
        {
            MetricRegistry.CreateDefault().CreateAll(suite.Metrics, errors);
        }

        Assert.NotEmpty(errors);
        return errors[0].ToString();
    }

    /// <summary>A case with everything any judge metric needs: context, a reference, another response and a conversation.</summary>
    public static EvalCase Case(string id = "refund-window", JsonObject? fields = null) => new(
        id,
        "How long do refunds take?",
        messages: [new ChatMessage(ChatRole.User, "I want a refund."), new ChatMessage(ChatRole.Assistant, "Sure, which order?"), new ChatMessage(ChatRole.User, "How long do refunds take?")],
        expected: "Refunds take up to 14 days.",
        context: ["Refunds are paid within 14 days of the return arriving.", "Shipping is free."],
        fields: fields ?? new JsonObject { ["baseline"] = Other },
        source: new SourceLocation("datasets/judged.jsonl", 7, 1));

    public static Task<MetricResult> Evaluate(IMetric metric, EvalCase? @case = null, string output = Output) =>
        metric.EvaluateAsync(new MetricContext(@case ?? Case(), output, null, CallMeasurements.None), TestContext.Current.CancellationToken).AsTask();

    public static string Prompt(FakeChatRequest request) => string.Join("\n", request.Messages.Select(m => m.Content));

    public static bool IsStepsRequest(FakeChatRequest request) => Prompt(request).Contains("write the evaluation steps", StringComparison.Ordinal);

    public static bool IsPairwise(FakeChatRequest request) => Prompt(request).Contains("RESPONSE A:", StringComparison.Ordinal);

    /// <summary>Which position (A or B) the output is shown in, in a pairwise request.</summary>
    public static string OutputPosition(FakeChatRequest request)
    {
        var prompt = request.Messages[0].Content!;
        return prompt.IndexOf("OUTPUT-7f3", StringComparison.Ordinal) < prompt.IndexOf("RESPONSE B:", StringComparison.Ordinal) ? "A" : "B";
    }

    public static string Steps => "{\"steps\": [\"Check the refund window is named.\", \"Check the tone is polite.\"]}";

    private static string Suite(string entry) =>
        "name: judged\ndataset: ../../datasets/judged.jsonl\njudge: { model: judge-model }\nmetrics:\n  - " + entry + "\n";
}
