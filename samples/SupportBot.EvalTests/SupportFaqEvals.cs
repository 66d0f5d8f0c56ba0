using EvalHarness;
using Microsoft.Extensions.AI;

namespace Acme.Support.EvalTests;

/// <summary>The FAQ bot is the system under test of eval-suites/support-faq: each dataset case asks it one question.</summary>
[EvalSuite("eval-suites/support-faq/suite.yaml")]
public partial class SupportFaqEvals(SupportBotFixture fixture)
{
    [EvalTarget]
    public Task<ChatResponse> AnswerAsync(EvalCase c, CancellationToken ct) => fixture.Bot.AnswerAsync(c.Input, ct);
}
