using System.Diagnostics;
using EvalHarness.Testing;
using Microsoft.Extensions.AI;

namespace EvalHarness.OpenAI.Tests;

public sealed class OpenAIChatClientStreamingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Streamed_text_assembles_and_usage_arrives_in_the_last_chunk()
    {
        await using var server = FakeOpenAIServer.Start(
            FakeReply.Text("unused", model: "stream-model").WithChunks("Hel", "lo, ", "world", "!").WithUsage(21, 4, cachedTokens: 8).WithId("chatcmpl-s1"));
        using var client = TestEndpoints.ClientFor(server);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("Say hello", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        Assert.Equal("Hello, world!", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(["Hel", "lo, ", "world", "!"], updates.Where(u => u.Text.Length > 0).Select(u => u.Text).ToArray());
        Assert.All(updates, u => Assert.Equal("chatcmpl-s1", u.ResponseId));
        Assert.All(updates, u => Assert.Equal("stream-model", u.ModelId));
        Assert.Equal(ChatFinishReason.Stop, Assert.Single(updates, u => u.FinishReason is not null).FinishReason);

        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal(21, usage.InputTokenCount);
        Assert.Equal(4, usage.OutputTokenCount);
        Assert.Equal(25, usage.TotalTokenCount);
        Assert.Equal(8, usage.CachedInputTokenCount);

        var response = updates.ToChatResponse();
        Assert.Equal("Hello, world!", response.Text);
        Assert.Equal(21, response.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task Streaming_request_asks_for_usage()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("ok"));
        using var client = TestEndpoints.ClientFor(server, model: "m1");

        await foreach (var _ in client.GetStreamingResponseAsync("Hi", cancellationToken: Ct))
        {
        }

        var request = Assert.Single(server.Requests);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
        Assert.Equal("m1", request.Model);
    }

    [Fact]
    public async Task Chunks_arrive_over_time_not_all_at_the_end()
    {
        var gap = TimeSpan.FromMilliseconds(80);
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("x").WithChunks("a", "b", "c", "d").WithChunkDelay(gap));
        using var client = TestEndpoints.ClientFor(server);

        var clock = Stopwatch.StartNew();
        var arrivals = new List<TimeSpan>();
        await foreach (var update in client.GetStreamingResponseAsync("Hi", cancellationToken: Ct))
        {
            if (update.Text.Length > 0)
            {
                arrivals.Add(clock.Elapsed);
            }
        }

        var total = clock.Elapsed;
        Assert.Equal(4, arrivals.Count);

        // Three gaps separate four chunks, and one more precedes the finish chunk: the first text comes well before the end.
        Assert.True(arrivals[^1] - arrivals[0] >= 3 * gap - TimeSpan.FromMilliseconds(30), $"chunks spread over {arrivals[^1] - arrivals[0]}");
        Assert.True(total - arrivals[0] >= 4 * gap - TimeSpan.FromMilliseconds(30), $"first text at {arrivals[0]}, end at {total}");
    }

    [Fact]
    public async Task Time_to_first_token_reflects_the_server_delay()
    {
        var delay = TimeSpan.FromMilliseconds(150);
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("late start").WithDelay(delay));
        using var client = TestEndpoints.ClientFor(server);

        var clock = Stopwatch.StartNew();
        TimeSpan? firstToken = null;
        await foreach (var update in client.GetStreamingResponseAsync("Hi", cancellationToken: Ct))
        {
            firstToken ??= update.Text.Length > 0 ? clock.Elapsed : null;
        }

        Assert.NotNull(firstToken);
        Assert.True(firstToken >= delay - TimeSpan.FromMilliseconds(20), $"first token at {firstToken}");
    }

    [Fact]
    public async Task Time_to_first_token_counts_a_delay_after_the_headers()
    {
        var delay = TimeSpan.FromMilliseconds(150);
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("quick headers, slow tokens").WithFirstChunkDelay(delay));
        using var client = TestEndpoints.ClientFor(server);

        var clock = Stopwatch.StartNew();
        TimeSpan? firstToken = null;
        await foreach (var update in client.GetStreamingResponseAsync("Hi", cancellationToken: Ct))
        {
            firstToken ??= update.Text.Length > 0 ? clock.Elapsed : null;
        }

        Assert.True(firstToken >= delay - TimeSpan.FromMilliseconds(20), $"first token at {firstToken}");
    }

    [Fact]
    public async Task A_stream_without_usage_yields_no_usage_content()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("no usage here").WithoutUsage());
        using var client = TestEndpoints.ClientFor(server);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("Hi", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        Assert.Equal("no usage here", string.Concat(updates.Select(u => u.Text)));
        Assert.Empty(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
    }
}
