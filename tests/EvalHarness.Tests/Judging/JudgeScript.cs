using System.Collections.Concurrent;
using EvalHarness.Testing;
using static EvalHarness.Tests.Judging.JudgeTestKit;

namespace EvalHarness.Tests.Judging;

/// <summary>What the scripted judge does: the answers and faults of the acceptance criteria.</summary>
public enum JudgeScenario
{
    /// <summary>Valid JSON with a good score.</summary>
    ValidJson,

    /// <summary>The same JSON, with prose before and after it.</summary>
    ProseAroundJson,

    /// <summary>JSON without the score field, twice (the repair request gets the same).</summary>
    NoScore,

    /// <summary>A score outside the scale.</summary>
    OutOfRange,

    /// <summary>A refusal instead of JSON, twice.</summary>
    Refusal,

    /// <summary>Every request is first refused with 429 and Retry-After: 2, then answered.</summary>
    RateLimitedThenAnswered,

    /// <summary>Every request gets HTTP 500.</summary>
    ServerError,

    /// <summary>Every connection is reset before any response byte.</summary>
    ResetConnection,

    /// <summary>Every answer comes later than the attempt timeout.</summary>
    SlowResponse,
}

/// <summary>Scripted judge answers for every judge metric: the right JSON shape per metric, or the scenario's fault.</summary>
internal static class JudgeScript
{
    public static Func<FakeChatRequest, FakeReply> For(JudgeScenario scenario)
    {
        var seen = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        return request =>
        {
            switch (scenario)
            {
                case JudgeScenario.ServerError:
                    return FakeReply.Error(500, "The server had an error while processing your request.");
                case JudgeScenario.ResetConnection:
                    return FakeReply.ResetConnection();
                case JudgeScenario.SlowResponse:
                    return FakeReply.Text(Valid(request)).WithDelay(TimeSpan.FromSeconds(10));
                case JudgeScenario.RateLimitedThenAnswered when seen.AddOrUpdate(request.Body, 1, (_, n) => n + 1) == 1:
                    return FakeReply.Error(429, "Rate limit reached", "requests", "rate_limit_exceeded").WithHeader("Retry-After", "2");
            }

            if (IsStepsRequest(request))
            {
                return FakeReply.Text(Steps);
            }

            return FakeReply.Text(scenario switch
            {
                JudgeScenario.ProseAroundJson => "Sure, here is my assessment.\n\n" + Valid(request) + "\n\nLet me know if you need anything else.",
                JudgeScenario.NoScore => IsPairwise(request) ? "{\"reasoning\": \"Both are fine.\"}"
                    : IsConversation(request) ? "{\"reasoning\": \"Fine.\", \"coherence\": 4}" : "{\"reasoning\": \"Looks fine to me.\"}",
                JudgeScenario.OutOfRange => IsPairwise(request) ? "{\"reasoning\": \"Hmm.\", \"winner\": \"C\"}"
                    : IsConversation(request) ? "{\"reasoning\": \"Great.\", \"coherence\": 9, \"goal_completion\": 4}" : "{\"reasoning\": \"Superb.\", \"score\": 7}",
                JudgeScenario.Refusal => "I'm sorry, but I can't help with that request.",
                _ => Valid(request),
            });
        };
    }

    /// <summary>A correct judge: the output wins pairwise, conversation scores 5 and 4, other metrics 5.</summary>
    public static string Valid(FakeChatRequest request) =>
        IsStepsRequest(request) ? Steps
        : IsPairwise(request) ? "{\"reasoning\": \"It names the window.\", \"winner\": \"" + OutputPosition(request) + "\"}"
        : IsConversation(request) ? "{\"reasoning\": \"Consistent, goal reached.\", \"coherence\": 5, \"goal_completion\": 4}"
        : "{\"reasoning\": \"Fully addresses the question.\", \"score\": 5}";

    private static bool IsConversation(FakeChatRequest request) => Prompt(request).Contains("goal_completion", StringComparison.Ordinal);
}
