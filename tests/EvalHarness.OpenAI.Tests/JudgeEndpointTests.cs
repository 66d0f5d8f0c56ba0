using EvalHarness.Recording;
using EvalHarness.Suites;
using EvalHarness.Testing;
using Microsoft.Extensions.AI;

namespace EvalHarness.OpenAI.Tests;

/// <summary>The judge's endpoint from a suite's <c>judge:</c> section, and what judge requests carry on the wire.</summary>
public sealed class JudgeEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EndpointDefinition JudgeSection(string yaml)
    {
        var errors = new List<ConfigError>();
        var suite = new SuiteParser().Parse("name: x\ndataset: d.jsonl\n" + yaml, "suite.yaml", errors);
        Assert.Empty(errors);
        return suite!.Judge!;
    }

    [Fact]
    public async Task ForJudges_BuildsTheJudgeFromItsSection_WithTheJudgeOverridesOnly()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"));
        var env = TestEndpoints.Environment(new()
        {
            ["JUDGE_KEY"] = "sk-judge-123456789",
            ["EVALHARNESS_JUDGE_MODEL"] = "judge-from-env",
            ["EVALHARNESS_MODEL"] = "sut-model-must-not-apply",
            ["EVALHARNESS_BASE_URL"] = "http://sut.invalid/v1/",
        });
        using var client = OpenAIChatClientFactory.ForJudges(env)(JudgeSection("judge: { base_url: \"" + server.BaseUrl + "\", model: judge-model, api_key_env: JUDGE_KEY }\n"));

        await client.GetResponseAsync("Rate this.", cancellationToken: Ct);

        var request = Assert.Single(server.Requests);
        Assert.Equal("judge-from-env", request.Model);
        Assert.Equal("Bearer sk-judge-123456789", request.Authorization);
    }

    [Fact]
    public void ForJudges_WithoutAKeyForARemoteJudge_SaysTheEndpointIsNotConfigured()
    {
        var error = Assert.Throws<EndpointNotConfiguredException>(() =>
            OpenAIChatClientFactory.ForJudges(TestEndpoints.Environment([]))(JudgeSection("judge: { model: gpt-4o-mini }\n")));

        Assert.Contains("No API key for the judge endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("EVALHARNESS_JUDGE_BASE_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordingKeyParts_InAdditionalProperties_AreNeverSent()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("{\"score\": 5}"));
        using var client = TestEndpoints.ClientFor(server);

        await client.GetResponseAsync("Rate this as JSON.", new ChatOptions
        {
            Seed = 42,
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.Json,
            AdditionalProperties = new() { ["evalharness.judge.metric"] = "relevance@1", ["evalharness.judge.prompt_hash"] = "sha256:abc" },
        }, Ct);

        var request = Assert.Single(server.Requests);
        Assert.DoesNotContain("evalharness", request.Body, StringComparison.Ordinal);
        Assert.Equal((42, 0.0, "json_object"), (request.GetProperty("seed")!.Value.GetInt32(), request.GetProperty("temperature")!.Value.GetDouble(),
            request.GetProperty("response_format")!.Value.GetProperty("type").GetString()));
    }
}
