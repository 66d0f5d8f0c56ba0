using EvalHarness.OpenAI;
using EvalHarness.Resilience;
using EvalHarness.Testing;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Resilience;

/// <summary>The real OpenAI client over a <see cref="FakeOpenAIServer"/>, wrapped in <see cref="ResilientChatClient"/> on a fake clock.</summary>
internal static class ResilienceTestKit
{
    public const string KeyVariable = "EVALHARNESS_TEST_JUDGE_KEY";

    public static OpenAIChatClient Endpoint(FakeOpenAIServer server, string model = "judge-model") =>
        OpenAIChatClient.CreateJudge(
            new OpenAIEndpointOptions { BaseUrl = server.BaseUrl, Model = model, ApiKeyEnv = KeyVariable },
            name => name == KeyVariable ? "sk-test-judge-0123456789" : null);

    public static ResilienceOptions Options(InstantTimeProvider time, int maxRetries = 3) => new()
    {
        MaxRetries = maxRetries,
        TimeProvider = time,
        Randomizer = () => 0.5,
    };

    public static ResilientChatClient Client(FakeOpenAIServer server, InstantTimeProvider time, ResilienceOptions? options = null, EndpointLimiter? limiter = null) =>
        new(Endpoint(server), options ?? Options(time), limiter ?? new EndpointLimiter(timeProvider: time));

    public static List<ChatMessage> Question(string text = "Ping?") => [new ChatMessage(ChatRole.User, text)];

    public static FakeReply RateLimited(string retryAfterSeconds) =>
        FakeReply.Error(429, "Rate limit reached for requests", "requests", "rate_limit_exceeded").WithHeader("Retry-After", retryAfterSeconds);
}
