using System.Net;
using System.Text;
using System.Text.Json;
using EvalHarness.Testing;

namespace EvalHarness.OpenAI.Tests;

/// <summary>The fake's own protocol, checked with a plain HttpClient so later suites can rely on it.</summary>
public sealed class FakeOpenAIServerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Base_url_is_loopback_and_ends_with_v1()
    {
        await using var server = FakeOpenAIServer.Start();

        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.EndsWith("/v1/", server.BaseUrl.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_paths_answer_and_every_request_is_recorded_with_its_headers()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("a"), FakeReply.Text("b"));

        using var first = await PostAsync(new Uri(server.BaseUrl, "chat/completions"), """{"model":"m","messages":[{"role":"user","content":"hi"}]}""", "Bearer k1");
        using var second = await PostAsync(new Uri(server.Origin, "chat/completions"), """{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"h"},{"type":"text","text":"o"}]}]}""", "Bearer k2");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var requests = server.Requests;
        Assert.Equal(["/v1/chat/completions", "/chat/completions"], requests.Select(r => r.Path).ToArray());
        Assert.Equal(["Bearer k1", "Bearer k2"], requests.Select(r => r.Authorization!).ToArray());
        Assert.Equal([0, 1], requests.Select(r => r.Index).ToArray());
        Assert.Equal("hi", requests[0].Messages[0].Content);
        Assert.Equal("ho", requests[1].Messages[0].Content);
    }

    [Fact]
    public async Task Completion_json_has_the_openai_shape()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("Hello", promptTokens: 3, completionTokens: 2).WithUsage(3, 2, cachedTokens: 1));

        using var response = await PostAsync(new Uri(server.BaseUrl, "chat/completions"), """{"model":"echo-me","messages":[]}""");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal("echo-me", body.GetProperty("model").GetString());
        Assert.Equal(FakeReply.DefaultCreated.ToUnixTimeSeconds(), body.GetProperty("created").GetInt64());
        var choice = body.GetProperty("choices")[0];
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("Hello", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var usage = body.GetProperty("usage");
        Assert.Equal(3, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(2, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(5, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(1, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_sends_deltas_a_finish_chunk_a_usage_chunk_and_done()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("x").WithChunks("He", "llo"));

        using var response = await PostAsync(
            new Uri(server.BaseUrl, "chat/completions"), """{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[]}""");
        var events = await ReadEventsAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.Equal(4, chunks.Count);
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal(["He", "llo"], chunks.Take(2).Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()!).ToArray());
        Assert.Equal("stop", chunks[2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[3].GetProperty("choices").GetArrayLength());
        Assert.Equal(15, chunks[3].GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_without_include_usage_has_no_usage_chunk()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("Hi there"));

        using var response = await PostAsync(new Uri(server.BaseUrl, "chat/completions"), """{"model":"m","stream":true,"messages":[]}""");
        var events = await ReadEventsAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        Assert.DoesNotContain(events, e => e.Contains("\"usage\"", StringComparison.Ordinal));
        Assert.Equal(["Hi", " there"], events.Where(e => e.Contains("\"content\"", StringComparison.Ordinal))
            .Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()!)
            .ToArray());
    }

    [Fact]
    public async Task Error_reply_has_status_headers_and_openai_error_body()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Error(429, "slow down", "requests", "rate_limit_exceeded").WithHeader("Retry-After", "7"));

        using var response = await PostAsync(new Uri(server.BaseUrl, "chat/completions"), """{"model":"m","messages":[]}""");
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal("slow down", error.GetProperty("message").GetString());
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unscripted_requests_get_a_500_that_says_so()
    {
        await using var server = FakeOpenAIServer.Start();

        using var response = await PostAsync(new Uri(server.BaseUrl, "chat/completions"), """{"model":"m","messages":[]}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("no reply scripted", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queued_replies_come_before_the_responder_and_a_throwing_responder_gives_500()
    {
        await using var server = FakeOpenAIServer.Start(request => request.Model == "boom"
            ? throw new InvalidOperationException("scripted failure")
            : FakeReply.Text("from responder"));
        server.Enqueue(FakeReply.Text("from queue"));

        var first = await ContentAsync(server, "m");
        var second = await ContentAsync(server, "m");
        using var third = await PostAsync(new Uri(server.BaseUrl, "chat/completions"), """{"model":"boom","messages":[]}""");

        Assert.Equal("from queue", first);
        Assert.Equal("from responder", second);
        Assert.Equal(HttpStatusCode.InternalServerError, third.StatusCode);
        Assert.Contains("scripted failure", await third.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_paths_get_404_and_are_recorded()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("unused"));

        using var response = await Http.GetAsync(new Uri(server.BaseUrl, "models"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.False(request.IsChatCompletion);
        Assert.Null(request.Json);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_recorded_raw()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"));

        using var response = await PostAsync(new Uri(server.BaseUrl, "chat/completions"), "not json at all");

        var request = Assert.Single(server.Requests);
        Assert.Equal("not json at all", request.Body);
        Assert.Null(request.Json);
        Assert.Empty(request.Messages);
    }

    [Fact(Timeout = 5000)]
    public async Task Chunked_request_bodies_are_read()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"));
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("""{"model":"chunky","messages":[]}""")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "chat/completions")) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chunky", Assert.Single(server.Requests).Model);
    }

    [Fact(Timeout = 5000)]
    public async Task Dispose_ends_a_pending_delay()
    {
        var server = FakeOpenAIServer.Start(FakeReply.Text("never").WithDelay(TimeSpan.FromMinutes(5)));
        var pending = PostAsync(new Uri(server.BaseUrl, "chat/completions"), """{"model":"m","messages":[]}""");
        while (server.Requests.Count == 0)
        {
            await Task.Delay(10, Ct);
        }

        await server.DisposeAsync();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => pending);
    }

    private static async Task<HttpResponseMessage> PostAsync(Uri url, string body, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }

    private static async Task<string> ContentAsync(FakeOpenAIServer server, string model)
    {
        using var response = await PostAsync(new Uri(server.BaseUrl, "chat/completions"), $$"""{"model":"{{model}}","messages":[]}""");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }

    private static async Task<List<string>> ReadEventsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).ToList();
    }
}
