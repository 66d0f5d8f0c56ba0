using EvalHarness.Suites;
using EvalHarness.Testing;
using Microsoft.Extensions.AI;

namespace EvalHarness.OpenAI.Tests;

public sealed class OpenAIChatClientFactoryTests
{
    private static readonly Uri RemoteUrl = new("https://models.example.invalid/v1/");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Authorization_carries_the_key_from_the_variable_named_by_api_key_env()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"));
        var options = new OpenAIEndpointOptions { BaseUrl = server.BaseUrl, Model = "m", ApiKeyEnv = "MY_PROVIDER_KEY" };
        var env = TestEndpoints.Environment(new() { ["MY_PROVIDER_KEY"] = "sk-from-my-var-123456", ["OPENAI_API_KEY"] = "sk-default-var-654321" });
        using var client = OpenAIChatClient.Create(options, env);

        await client.GetResponseAsync("Hi", cancellationToken: Ct);

        Assert.Equal("Bearer sk-from-my-var-123456", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task Default_key_variable_is_OPENAI_API_KEY()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"));
        using var client = OpenAIChatClient.Create(
            new OpenAIEndpointOptions { BaseUrl = server.BaseUrl, Model = "m" },
            TestEndpoints.Environment(new() { ["OPENAI_API_KEY"] = "sk-default-var-654321" }));

        await client.GetResponseAsync("Hi", cancellationToken: Ct);

        Assert.Equal("Bearer sk-default-var-654321", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public void Missing_key_for_a_remote_endpoint_names_the_variable()
    {
        var options = new OpenAIEndpointOptions { BaseUrl = RemoteUrl, Model = "m", ApiKeyEnv = "ACME_KEY" };

        var error = Assert.Throws<EndpointConfigurationException>(() => OpenAIChatClient.Create(options, TestEndpoints.Environment([])));

        Assert.Equal("ACME_KEY", error.VariableName);
        Assert.Contains("ACME_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("models.example.invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_key_for_OpenAI_itself_is_an_error()
    {
        var error = Assert.Throws<EndpointConfigurationException>(
            () => OpenAIChatClient.Create(new OpenAIEndpointOptions { Model = "gpt-4o-mini" }, TestEndpoints.Environment([])));

        Assert.Equal("OPENAI_API_KEY", error.VariableName);
    }

    [Fact]
    public async Task Loopback_endpoint_works_without_a_key()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("local answer"));
        using var client = OpenAIChatClient.Create(new OpenAIEndpointOptions { BaseUrl = server.BaseUrl, Model = "llama3" }, TestEndpoints.Environment([]));

        var response = await client.GetResponseAsync("Hi", cancellationToken: Ct);

        Assert.Equal("local answer", response.Text);
        var authorization = Assert.Single(server.Requests).Authorization;
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Base_url_and_model_overrides_win_over_the_options()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"));
        var env = TestEndpoints.Environment(new()
        {
            ["EVALHARNESS_BASE_URL"] = server.BaseUrl.ToString(),
            ["EVALHARNESS_MODEL"] = "model-from-env",
            ["EVALHARNESS_JUDGE_MODEL"] = "judge-model-from-env",
            ["OPENAI_API_KEY"] = "sk-test-override-1234",
        });
        using var client = OpenAIChatClient.Create(new OpenAIEndpointOptions { BaseUrl = RemoteUrl, Model = "model-from-file" }, env);

        await client.GetResponseAsync("Hi", cancellationToken: Ct);

        Assert.Equal("model-from-env", Assert.Single(server.Requests).Model);
        Assert.Equal(server.BaseUrl, client.GetService<ChatClientMetadata>()!.ProviderUri);
    }

    [Fact]
    public async Task Judge_uses_the_judge_overrides_only()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("{\"score\": 1}"));
        var env = TestEndpoints.Environment(new()
        {
            ["EVALHARNESS_BASE_URL"] = "https://sut.example.invalid/v1/",
            ["EVALHARNESS_MODEL"] = "sut-model-from-env",
            ["EVALHARNESS_JUDGE_BASE_URL"] = server.BaseUrl.ToString(),
            ["EVALHARNESS_JUDGE_MODEL"] = "judge-model-from-env",
        });
        using var judge = OpenAIChatClient.CreateJudge(new OpenAIEndpointOptions { BaseUrl = RemoteUrl, Model = "judge-from-file" }, env);

        await judge.GetResponseAsync("Rate this.", cancellationToken: Ct);

        Assert.Equal("judge-model-from-env", Assert.Single(server.Requests).Model);
    }

    [Fact]
    public void System_under_test_ignores_the_judge_overrides()
    {
        var env = TestEndpoints.Environment(new()
        {
            ["EVALHARNESS_JUDGE_BASE_URL"] = "http://127.0.0.1:9/v1/",
            ["EVALHARNESS_JUDGE_MODEL"] = "judge-model-from-env",
            ["OPENAI_API_KEY"] = "sk-test-ignore-1234",
        });

        using var client = OpenAIChatClient.Create(new OpenAIEndpointOptions { BaseUrl = RemoteUrl, Model = "sut-model" }, env);

        var metadata = client.GetService<ChatClientMetadata>()!;
        Assert.Equal(RemoteUrl, metadata.ProviderUri);
        Assert.Equal("sut-model", metadata.DefaultModelId);
    }

    [Fact]
    public void An_invalid_base_url_override_names_the_variable_but_not_its_value()
    {
        var env = TestEndpoints.Environment(new() { ["EVALHARNESS_BASE_URL"] = "not a url?token=secret-value", ["OPENAI_API_KEY"] = "sk-x-1234567" });

        var error = Assert.Throws<EndpointConfigurationException>(
            () => OpenAIChatClient.Create(new OpenAIEndpointOptions { Model = "m" }, env));

        Assert.Equal("EVALHARNESS_BASE_URL", error.VariableName);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_names_the_override_variable()
    {
        var error = Assert.Throws<EndpointConfigurationException>(
            () => OpenAIChatClient.CreateJudge(new OpenAIEndpointOptions { BaseUrl = new Uri("http://localhost:11434/v1/") }, TestEndpoints.Environment([])));

        Assert.Equal("EVALHARNESS_JUDGE_MODEL", error.VariableName);
        Assert.Contains("judge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_ToString_nor_metadata_contains_the_key()
    {
        const string key = "sk-super-secret-key-987654321";
        using var client = OpenAIChatClient.Create(
            new OpenAIEndpointOptions { BaseUrl = RemoteUrl, Model = "m" }, TestEndpoints.Environment(new() { ["OPENAI_API_KEY"] = key }));

        var metadata = client.GetService<ChatClientMetadata>()!;

        Assert.DoesNotContain(key, client.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, metadata.ProviderUri!.ToString(), StringComparison.Ordinal);
        Assert.Contains("models.example.invalid", client.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_configured_sdk_client_can_be_wrapped()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("wrapped"));
        var sdkClient = new global::OpenAI.OpenAIClient(
            new System.ClientModel.ApiKeyCredential("sk-wrapped-key-1234"), new global::OpenAI.OpenAIClientOptions { Endpoint = server.BaseUrl });
        using var client = new OpenAIChatClient(sdkClient, "wrapped-model", server.BaseUrl);

        var response = await client.GetResponseAsync("Hi", cancellationToken: Ct);

        Assert.Equal("wrapped", response.Text);
        Assert.Equal("wrapped-model", Assert.Single(server.Requests).Model);
        Assert.Equal("Bearer sk-wrapped-key-1234", server.Requests[0].Authorization);
        Assert.Same(sdkClient, client.GetService<global::OpenAI.OpenAIClient>());
    }

    [Fact]
    public void Options_come_from_a_suite_endpoint_section()
    {
        var definition = new EndpointDefinition("http://localhost:8000/v1/", "qwen2.5", "VLLM_KEY", [], new SourceLocation("suite.yaml", 3, 1));

        var options = OpenAIEndpointOptions.FromDefinition(definition);

        Assert.Equal(new Uri("http://localhost:8000/v1/"), options.BaseUrl);
        Assert.Equal("qwen2.5", options.Model);
        Assert.Equal("VLLM_KEY", options.ApiKeyEnv);
        Assert.Equal(0, options.MaxRetries);
    }

    [Fact]
    public void A_suite_section_without_api_key_env_uses_OPENAI_API_KEY()
    {
        var options = OpenAIEndpointOptions.FromDefinition(new EndpointDefinition(null, "gpt-4o-mini", null, [], new SourceLocation("suite.yaml", 3, 1)));

        Assert.Null(options.BaseUrl);
        Assert.Equal("OPENAI_API_KEY", options.ApiKeyEnv);
    }
}
