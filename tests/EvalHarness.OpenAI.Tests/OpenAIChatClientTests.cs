using System.Text.Json;
using EvalHarness.Testing;
using Microsoft.Extensions.AI;

namespace EvalHarness.OpenAI.Tests;

public sealed class OpenAIChatClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Response_carries_text_ids_finish_reason_and_usage_from_the_wire()
    {
        var created = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
        await using var server = FakeOpenAIServer.Start(
            FakeReply.Text("Paris is the capital of France.", promptTokens: 12, completionTokens: 7, model: "gpt-test-2025-01-01")
                .WithUsage(12, 7, cachedTokens: 4)
                .WithId("chatcmpl-abc123")
                .WithCreated(created));
        using var client = TestEndpoints.ClientFor(server);

        var response = await client.GetResponseAsync("What is the capital of France?", cancellationToken: Ct);

        Assert.Equal("Paris is the capital of France.", response.Text);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
        Assert.Equal("chatcmpl-abc123", response.ResponseId);
        Assert.Equal("gpt-test-2025-01-01", response.ModelId);
        Assert.Equal(created, response.CreatedAt);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.NotNull(response.Usage);
        Assert.Equal(12, response.Usage.InputTokenCount);
        Assert.Equal(7, response.Usage.OutputTokenCount);
        Assert.Equal(19, response.Usage.TotalTokenCount);
        Assert.Equal(4, response.Usage.CachedInputTokenCount);
    }

    [Fact]
    public async Task Request_goes_to_v1_chat_completions_with_the_model_and_messages()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"));
        using var client = TestEndpoints.ClientFor(server, model: "my-model");

        await client.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System, "Be brief."),
                new ChatMessage(ChatRole.User, "Hi"),
                new ChatMessage(ChatRole.Assistant, "Hello!"),
                new ChatMessage(ChatRole.User, "Capital of Peru?"),
            ],
            cancellationToken: Ct);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("my-model", request.Model);
        Assert.False(request.Stream);
        Assert.Equal(
            [("system", "Be brief."), ("user", "Hi"), ("assistant", "Hello!"), ("user", "Capital of Peru?")],
            request.Messages.Select(m => (m.Role, m.Content)).ToArray());
    }

    [Fact]
    public async Task Images_in_user_messages_are_sent_as_image_parts()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("a cat"));
        using var client = TestEndpoints.ClientFor(server);

        await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, [new TextContent("What is this?"), new UriContent("https://example.invalid/cat.png", "image/png")])],
            cancellationToken: Ct);

        var message = Assert.Single(Assert.Single(server.Requests).Messages);
        Assert.Equal("What is this?", message.Content);
        var parts = message.Json.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(["text", "image_url"], parts.Select(p => p.GetProperty("type").GetString()!).ToArray());
        Assert.Equal("https://example.invalid/cat.png", parts[1].GetProperty("image_url").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Options_reach_the_wire()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("{}"));
        using var client = TestEndpoints.ClientFor(server, model: "default-model");

        await client.GetResponseAsync(
            "Answer in JSON.",
            new ChatOptions
            {
                ModelId = "override-model",
                Temperature = 0.25f,
                TopP = 0.5f,
                MaxOutputTokens = 123,
                Seed = 42,
                StopSequences = ["END", "STOP"],
                FrequencyPenalty = 0.1f,
                PresencePenalty = 0.2f,
                ResponseFormat = ChatResponseFormat.Json,
                Instructions = "You are a JSON API.",
            },
            Ct);

        var request = Assert.Single(server.Requests);
        Assert.Equal("override-model", request.Model);
        Assert.Equal(0.25, request.GetProperty("temperature")!.Value.GetDouble(), 6);
        Assert.Equal(0.5, request.GetProperty("top_p")!.Value.GetDouble(), 6);
        Assert.Equal(123, MaxTokens(request));
        Assert.Equal(42, request.GetProperty("seed")!.Value.GetInt64());
        Assert.Equal(["END", "STOP"], request.GetProperty("stop")!.Value.EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(0.1, request.GetProperty("frequency_penalty")!.Value.GetDouble(), 6);
        Assert.Equal(0.2, request.GetProperty("presence_penalty")!.Value.GetDouble(), 6);
        Assert.Equal("json_object", request.GetProperty("response_format")!.Value.GetProperty("type").GetString());
        Assert.Equal([("system", "You are a JSON API."), ("user", "Answer in JSON.")], request.Messages.Select(m => (m.Role, m.Content)).ToArray());
    }

    [Fact]
    public async Task Unset_options_are_not_sent()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"));
        using var client = TestEndpoints.ClientFor(server);

        await client.GetResponseAsync("Hi", cancellationToken: Ct);

        var request = Assert.Single(server.Requests);
        foreach (var name in new[] { "temperature", "top_p", "max_tokens", "max_completion_tokens", "seed", "stop", "response_format", "tools" })
        {
            Assert.Null(request.GetProperty(name));
        }
    }

    [Fact]
    public async Task Json_schema_response_format_sends_the_schema()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("{\"city\":\"Lima\"}"));
        using var client = TestEndpoints.ClientFor(server);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;

        await client.GetResponseAsync(
            "Capital of Peru?",
            new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "capital", "The capital city.") },
            Ct);

        var format = Assert.Single(server.Requests).GetProperty("response_format")!.Value;
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        var jsonSchema = format.GetProperty("json_schema");
        Assert.Equal("capital", jsonSchema.GetProperty("name").GetString());
        Assert.Equal("The capital city.", jsonSchema.GetProperty("description").GetString());
        Assert.Equal("city", jsonSchema.GetProperty("schema").GetProperty("required")[0].GetString());
    }

    [Fact]
    public async Task Text_response_format_is_sent_as_text()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"));
        using var client = TestEndpoints.ClientFor(server);

        await client.GetResponseAsync("Hi", new ChatOptions { ResponseFormat = ChatResponseFormat.Text }, Ct);

        Assert.Equal("text", Assert.Single(server.Requests).GetProperty("response_format")!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_response_without_usage_has_null_usage()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok").WithoutUsage());
        using var client = TestEndpoints.ClientFor(server);

        var response = await client.GetResponseAsync("Hi", cancellationToken: Ct);

        Assert.Equal("ok", response.Text);
        Assert.Null(response.Usage);
    }

    [Fact]
    public async Task Length_finish_reason_is_mapped()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("truncat").WithFinishReason("length"));
        using var client = TestEndpoints.ClientFor(server);

        var response = await client.GetResponseAsync("Hi", cancellationToken: Ct);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task Metadata_names_provider_endpoint_and_default_model()
    {
        await using var server = FakeOpenAIServer.Start();
        using var client = TestEndpoints.ClientFor(server, model: "meta-model");

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("openai", metadata.ProviderName);
        Assert.Equal(server.BaseUrl, metadata.ProviderUri);
        Assert.Equal("meta-model", metadata.DefaultModelId);
        Assert.Same(client, client.GetService<IChatClient>());
        Assert.Null(client.GetService<ChatClientMetadata>("some-key"));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Consecutive_calls_reuse_the_connection()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("one"), FakeReply.Text("two"), FakeReply.Text("three"));
        using var client = TestEndpoints.ClientFor(server);

        var texts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            texts.Add((await client.GetResponseAsync("Hi", cancellationToken: Ct)).Text);
        }

        Assert.Equal(["one", "two", "three"], texts);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(1, server.ConnectionCount);
    }

    private static long MaxTokens(FakeChatRequest request) =>
        (request.GetProperty("max_completion_tokens") ?? request.GetProperty("max_tokens"))!.Value.GetInt64();
}
