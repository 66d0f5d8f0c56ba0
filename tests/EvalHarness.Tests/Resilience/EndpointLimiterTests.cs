using EvalHarness.Resilience;
using EvalHarness.Testing;
using Microsoft.Extensions.AI;
using static EvalHarness.Tests.Resilience.ResilienceTestKit;

namespace EvalHarness.Tests.Resilience;

/// <summary>Per-endpoint limits shared by every client in the process: concurrency cap, requests and tokens per minute, shared pauses.</summary>
public sealed class EndpointLimiterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheConcurrencyCap_IsSharedByEveryClientOfTheEndpoint()
    {
        var time = new InstantTimeProvider();
        var hang = 1;
        await using var server = FakeOpenAIServer.Start(_ => Volatile.Read(ref hang) == 1
            ? FakeReply.Text("late").WithDelay(TimeSpan.FromMinutes(5))
            : FakeReply.Text("pong"));

        // Two clients, as two suites or two tests would have; one endpoint, so one limiter (the first caller's cap wins).
        var options = Options(time) with { MaxConcurrentRequests = 2 };
        var endpoint = server.BaseUrl + "#" + Guid.NewGuid().ToString("N");
        using var first = new ResilientChatClient(Endpoint(server), options, EndpointLimiter.ForEndpoint(endpoint, options));
        using var second = new ResilientChatClient(Endpoint(server), options, EndpointLimiter.ForEndpoint(endpoint, options with { MaxConcurrentRequests = 50 }));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var calls = Enumerable.Range(0, 5).Select(i => (i % 2 == 0 ? first : second).GetResponseAsync(Question("q" + i), cancellationToken: cancel.Token)).ToArray();

        await WaitUntil(() => server.Requests.Count >= 2);
        await Task.Delay(50, Ct);
        Assert.Equal(2, server.Requests.Count);
        Assert.Same(first.Limiter, second.Limiter);
        Assert.Equal(2, first.Limiter.InFlight);

        // Cancelling frees the slots of the calls in flight and of those still queued.
        await cancel.CancelAsync();
        foreach (var call in calls)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }

        Assert.Equal(0, first.Limiter.InFlight);
        Interlocked.Exchange(ref hang, 0);
        Assert.Equal("pong", (await second.GetResponseAsync(Question(), cancellationToken: Ct)).Text);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task RequestsPerMinute_MakeTheThirdCallWaitForTheWindow_AsQueueTimeNotLatency()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text("pong"));
        using var client = Client(server, time, limiter: new EndpointLimiter(requestsPerMinute: 2, timeProvider: time));

        await client.GetResponseAsync(Question(), cancellationToken: Ct);
        await client.GetResponseAsync(Question(), cancellationToken: Ct);
        var third = await client.GetResponseAsync(Question(), cancellationToken: Ct);

        var report = ResilienceReport.From(third.AdditionalProperties);
        Assert.Equal(60_000, report.QueueMs);
        Assert.Equal(0, report.RetryMs);
        Assert.Equal([TimeSpan.FromMinutes(1)], time.Waits);
    }

    [Fact]
    public async Task TokensPerMinute_CountTheUsageResponsesReport()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text("pong", promptTokens: 10, completionTokens: 5));
        using var client = Client(server, time, limiter: new EndpointLimiter(tokensPerMinute: 20, timeProvider: time));

        var first = await client.GetResponseAsync(Question(), cancellationToken: Ct);
        var second = await client.GetResponseAsync(Question(), cancellationToken: Ct);
        var third = await client.GetResponseAsync(Question(), cancellationToken: Ct);

        // 15 tokens leave room under 20; 30 do not, until the first response's minute has passed.
        Assert.Equal(0, ResilienceReport.From(first.AdditionalProperties).QueueMs);
        Assert.Equal(0, ResilienceReport.From(second.AdditionalProperties).QueueMs);
        Assert.Equal(60_000, ResilienceReport.From(third.AdditionalProperties).QueueMs);
    }

    [Fact]
    public async Task APause_HoldsEveryCallerUntilItEnds()
    {
        var time = new InstantTimeProvider();
        var limiter = new EndpointLimiter(timeProvider: time);

        limiter.PauseFor(TimeSpan.FromSeconds(5));
        using (await limiter.AcquireAsync(Ct))
        {
            Assert.Equal(TimeSpan.FromSeconds(5), time.Elapsed);
        }

        using (await limiter.AcquireAsync(Ct))
        {
            Assert.Equal(TimeSpan.FromSeconds(5), time.Elapsed);
        }
    }

    [Fact]
    public async Task A429WithRetryAfter_PausesTheWholeEndpoint_EvenForCallsThatDoNotRetry()
    {
        var time = new InstantTimeProvider();
        var limiter = new EndpointLimiter(timeProvider: time);
        await using var server = FakeOpenAIServer.Start(RateLimited("3"), FakeReply.Text("pong"));
        using var noRetries = Client(server, time, Options(time, maxRetries: 0), limiter);
        using var other = Client(server, time, limiter: limiter);

        await Assert.ThrowsAsync<ModelCallException>(() => noRetries.GetResponseAsync(Question(), cancellationToken: Ct));
        var response = await other.GetResponseAsync(Question(), cancellationToken: Ct);

        Assert.Equal([TimeSpan.FromSeconds(3)], time.Waits);
        Assert.Equal(3000, ResilienceReport.From(response.AdditionalProperties).QueueMs);
    }

    [Fact]
    public void LimitsBelowOne_AreRejected() =>
        Assert.Equal("maxConcurrentRequests", Assert.Throws<ArgumentOutOfRangeException>(() => new EndpointLimiter(maxConcurrentRequests: 0)).ParamName);

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.True(condition(), "timed out waiting for the condition");
    }
}
