using EvalHarness.OpenAI;
using EvalHarness.Testing;

namespace EvalHarness.OpenAI.Tests;

/// <summary>Clients wired to a <see cref="FakeOpenAIServer"/> with an injected environment (never the process's).</summary>
internal static class TestEndpoints
{
    public const string KeyVariable = "EVALHARNESS_TEST_KEY";
    public const string Key = "sk-test-0123456789abcdef";

    public static OpenAIChatClient ClientFor(FakeOpenAIServer server, string model = "test-model", TimeSpan? networkTimeout = null, int maxRetries = 0) =>
        OpenAIChatClient.Create(
            new OpenAIEndpointOptions
            {
                BaseUrl = server.BaseUrl,
                Model = model,
                ApiKeyEnv = KeyVariable,
                NetworkTimeout = networkTimeout,
                MaxRetries = maxRetries,
            },
            Environment(new() { [KeyVariable] = Key }));

    public static Func<string, string?> Environment(Dictionary<string, string> variables) =>
        name => variables.TryGetValue(name, out var value) ? value : null;
}
