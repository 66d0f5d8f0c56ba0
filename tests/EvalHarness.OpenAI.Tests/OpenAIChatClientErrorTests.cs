using EvalHarness.Testing;
using Microsoft.Extensions.AI;

namespace EvalHarness.OpenAI.Tests;

public sealed class OpenAIChatClientErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rate_limit_becomes_a_transient_ModelCallException_with_retry_after()
    {
        await using var server = FakeOpenAIServer.Start(
            FakeReply.Error(429, "Rate limit reached for requests.", "requests", "rate_limit_exceeded").WithHeader("Retry-After", "2"));
        using var client = TestEndpoints.ClientFor(server, model: "rl-model");

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.Equal(429, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        Assert.Equal("rate_limit_exceeded", error.ErrorCode);
        Assert.Equal("rl-model", error.ModelId);
        Assert.Equal(server.BaseUrl, error.Endpoint);
        Assert.Contains("429", error.Message, StringComparison.Ordinal);
        Assert.Contains("Rate limit reached for requests.", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Retry_after_ms_is_preferred_when_present()
    {
        await using var server = FakeOpenAIServer.Start(
            FakeReply.Error(429, "Slow down.").WithHeader("retry-after-ms", "1500").WithHeader("Retry-After", "2"));
        using var client = TestEndpoints.ClientFor(server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.RetryAfter);
    }

    [Fact]
    public async Task Server_error_is_transient_and_not_retried_by_the_sdk_by_default()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Error(500, "The server had an error."), FakeReply.Text("would succeed"));
        using var client = TestEndpoints.ClientFor(server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.Equal(500, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Null(error.RetryAfter);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Max_retries_lets_the_sdk_retry()
    {
        await using var server = FakeOpenAIServer.Start(
            FakeReply.Error(503, "Overloaded.").WithHeader("Retry-After", "0"), FakeReply.Text("second try"));
        using var client = TestEndpoints.ClientFor(server, maxRetries: 1);

        var response = await client.GetResponseAsync("Hi", cancellationToken: Ct);

        Assert.Equal("second try", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Bad_request_is_not_transient()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Error(400, "Unknown model 'nope'.", "invalid_request_error", "model_not_found"));
        using var client = TestEndpoints.ClientFor(server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.Equal(400, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Equal("model_not_found", error.ErrorCode);
        Assert.Contains("Unknown model 'nope'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_json_error_body_is_quoted_in_the_message()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Json(502, "<html>upstream connect error</html>"));
        using var client = TestEndpoints.ClientFor(server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.Equal(502, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Contains("upstream connect error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_never_appears_in_the_error_even_when_the_server_echoes_it()
    {
        await using var server = FakeOpenAIServer.Start(
            FakeReply.Error(401, $"Incorrect API key provided: {TestEndpoints.Key}. Header was Bearer {TestEndpoints.Key}", "invalid_request_error", "invalid_api_key"));
        using var client = TestEndpoints.ClientFor(server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.Equal(401, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.DoesNotContain(TestEndpoints.Key, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_rate_limit_becomes_a_ModelCallException()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Error(429, "Too many.").WithHeader("Retry-After", "1"));
        using var client = TestEndpoints.ClientFor(server);

        var error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync("Hi", cancellationToken: Ct))
            {
            }
        });

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Contains("Too many.", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5000)]
    public async Task Connection_reset_before_the_response_fails_fast_as_transient()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.ResetConnection());
        using var client = TestEndpoints.ClientFor(server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.Null(error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.NotNull(error.InnerException);
    }

    [Fact(Timeout = 5000)]
    public async Task Connection_closed_without_a_response_fails_fast_as_transient()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.CloseConnection());
        using var client = TestEndpoints.ClientFor(server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.Null(error.StatusCode);
        Assert.True(error.IsTransient);
    }

    [Fact(Timeout = 5000)]
    public async Task Connection_reset_mid_stream_fails_after_the_first_chunks()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("x").WithChunks("one ", "two ", "three").WithAbortAfterChunks(2));
        using var client = TestEndpoints.ClientFor(server);

        var received = new List<string>();
        var error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("Hi", cancellationToken: Ct))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal("one two ", string.Concat(received));
        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
    }

    [Fact(Timeout = 5000)]
    public async Task Malformed_body_becomes_a_non_transient_ModelCallException()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Malformed());
        using var client = TestEndpoints.ClientFor(server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.False(error.IsTransient);
        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5000)]
    public async Task Malformed_stream_event_becomes_a_ModelCallException()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Malformed("{\"choices\": [{\"delta\": "));
        using var client = TestEndpoints.ClientFor(server);

        await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync("Hi", cancellationToken: Ct))
            {
            }
        });
    }

    [Fact(Timeout = 5000)]
    public async Task A_server_slower_than_the_network_timeout_fails_as_transient()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("too late").WithDelay(TimeSpan.FromSeconds(3)));
        using var client = TestEndpoints.ClientFor(server, networkTimeout: TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.Contains("timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5000)]
    public async Task Caller_cancellation_stays_an_OperationCanceledException()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("too late").WithDelay(TimeSpan.FromSeconds(3)));
        using var client = TestEndpoints.ClientFor(server);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("Hi", cancellationToken: cancellation.Token));
    }

    [Fact(Timeout = 5000)]
    public async Task Unreachable_endpoint_is_transient()
    {
        Uri deadUrl;
        await using (var server = FakeOpenAIServer.Start())
        {
            deadUrl = server.BaseUrl;
        }

        using var client = OpenAIChatClient.Create(new OpenAIEndpointOptions { BaseUrl = deadUrl, Model = "m" }, TestEndpoints.Environment([]));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task Unsupported_content_is_rejected_before_any_request()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"));
        using var client = TestEndpoints.ClientFor(server);

        await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, [new DataContent(new byte[] { 1, 2 }, "application/octet-stream")])], cancellationToken: Ct));

        Assert.Empty(server.Requests);
    }
}
