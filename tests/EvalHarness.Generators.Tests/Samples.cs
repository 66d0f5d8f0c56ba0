namespace EvalHarness.Generators.Tests;

/// <summary>Suite, dataset and C# inputs shared by the generator tests.</summary>
internal static class Samples
{
    public const string FaqSuite = """
        name: faq
        dataset: ../../datasets/faq.jsonl
        mapping: { input: question }
        metrics:
          - contains: refund
        """;

    public const string FaqDataset = """
        {"id":"a","question":"How do refunds work?"}
        {"id":"b","question":"Can I get my money back?"}
        {"id":"c","question":"Refund window?"}
        """;

    public const string LogsSuite = """
        name: logs
        dataset: ../../datasets/logs.jsonl
        target: { output: answer }
        metrics:
          - contains: refund
        """;

    public const string LogsDataset = """
        {"id":"l1","input":"q","answer":"refund in 30 days"}
        """;

    public const string BoundClass = """
        using System.Threading;
        using System.Threading.Tasks;
        using EvalHarness;
        using Microsoft.Extensions.AI;

        namespace App;

        public sealed class Bot
        {
            public Task<ChatResponse> AnswerAsync(string question, CancellationToken ct) => Task.FromResult(new ChatResponse());
        }

        [EvalSuite("eval-suites/faq/suite.yaml")]
        public partial class FaqEvals(Bot bot)
        {
            [EvalTarget]
            public Task<ChatResponse> AnswerAsync(EvalCase c, CancellationToken ct) => bot.AnswerAsync(c.Input, ct);
        }
        """;

    public static GeneratorHarness Faq() => new GeneratorHarness()
        .WithFile("eval-suites/faq/suite.yaml", FaqSuite)
        .WithFile("datasets/faq.jsonl", FaqDataset)
        .WithSource(BoundClass);
}
