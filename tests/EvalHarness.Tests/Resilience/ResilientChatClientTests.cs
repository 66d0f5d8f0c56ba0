using EvalHarness.Resilience;
using EvalHarness.Testing;
using Microsoft.Extensions.AI;
using static EvalHarness.Tests.Resilience.ResilienceTestKit;

namespace EvalHarness.Tests.Resilience;

/// <summary>Retries, Retry-After, timeouts and what a call reports about them, against a real OpenAI-protocol server on 127.0.0.1.</summary>
public sealed class ResilientChatClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A429WithRetryAfter_IsRetriedAfterExactlyTheAskedWait_AndTheWaitIsReportedApartFromLatency()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(RateLimited("2"), FakeReply.Text("pong"));
        using var client = Client(server, time);

        var response = await client.GetResponseAsync(Question(), cancellationToken: Ct);

        Assert.Equal("pong", response.Text);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], time.Waits);
        var report = ResilienceReport.From(response.AdditionalProperties);
        Assert.Equal(2, report.Attempts);
        Assert.Equal(1, report.Retries);
        Assert.Equal(2000, report.BackoffMs);
        Assert.Equal(2000, report.RetryMs);
        Assert.Equal(0.0, report.AttemptMs);
    }

    [Fact]
    public async Task RetryAfterMs_IsPreferredToRetryAfter()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(RateLimited("30").WithHeader("retry-after-ms", "150"), FakeReply.Text("pong"));
        using var client = Client(server, time);

        await client.GetResponseAsync(Question(), cancellationToken: Ct);

        Assert.Equal([TimeSpan.FromMilliseconds(150)], time.Waits);
    }

    [Fact]
    public async Task ARetryAfterLongerThanAllowed_FailsAtOnce_SayingWhy()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(RateLimited("600"), FakeReply.Text("never sent"));
        using var client = Client(server, time, Options(time) with { MaxRetryAfter = TimeSpan.FromSeconds(60) });

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(Question(), cancellationToken: Ct));

        Assert.Single(server.Requests);
        Assert.Empty(time.Waits);
        Assert.Equal(429, error.StatusCode);
        Assert.True(error.IsInfrastructure);
        Assert.Contains("asked to wait 600 s, more than the 60 s allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersistentServerErrors_GiveUpAfterMaxRetries_AsAnInfrastructureError()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Error(500, "The server had an error"));
        using var client = Client(server, time, Options(time, maxRetries: 3));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(Question(), cancellationToken: Ct));

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(3, time.Waits.Count);
        Assert.All(time.Waits, w => Assert.InRange(w, TimeSpan.Zero, ResilienceOptions.Default.MaxDelay));
        Assert.Equal(500, error.StatusCode);
        Assert.True(error.IsInfrastructure);
        Assert.StartsWith("Gave up after 4 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.IsType<ModelCallException>(error.InnerException);
    }

    [Fact]
    public async Task ABadRequest_IsNotRetried_AndPassesThroughUnchanged()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(FakeReply.Error(400, "Unknown parameter", "invalid_request_error"));
        using var client = Client(server, time);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(Question(), cancellationToken: Ct));

        Assert.Single(server.Requests);
        Assert.Equal(400, error.StatusCode);
        Assert.False(error.IsInfrastructure);
        Assert.DoesNotContain("Gave up", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResetConnection_IsRetried()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(FakeReply.ResetConnection(), FakeReply.Text("pong"));
        using var client = Client(server, time);

        var response = await client.GetResponseAsync(Question(), cancellationToken: Ct);

        Assert.Equal("pong", response.Text);
        Assert.Equal(1, ResilienceReport.From(response.AdditionalProperties).Retries);
    }

    [Fact]
    public async Task ASlowAttempt_TimesOutAndIsRetried()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("late").WithDelay(TimeSpan.FromSeconds(10)), FakeReply.Text("pong"));
        using var client = Client(server, time, Options(time) with { AttemptTimeout = TimeSpan.FromMilliseconds(100) });

        var response = await client.GetResponseAsync(Question(), cancellationToken: Ct);

        Assert.Equal("pong", response.Text);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, ResilienceReport.From(response.AdditionalProperties).Attempts);
    }

    [Fact]
    public async Task ASlowEndpoint_EndsInAnInfrastructureErrorNamingTheTimeout()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text("late").WithDelay(TimeSpan.FromSeconds(10)));
        using var client = Client(server, time, Options(time, maxRetries: 1) with { AttemptTimeout = TimeSpan.FromMilliseconds(80) });

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(Question(), cancellationToken: Ct));

        Assert.StartsWith("Gave up after 2 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.InRange(server.Requests.Count, 1, 2);
        Assert.True(error.IsInfrastructure);
        Assert.Null(error.StatusCode);
        Assert.Contains("did not answer within the attempt timeout of 80 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancellation_IsNotRetriedOrTranslated()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text("late").WithDelay(TimeSpan.FromSeconds(10)));
        using var client = Client(server, time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(Question(), cancellationToken: cancel.Token));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AStreamThatFailsBeforeItsFirstUpdate_IsRetried_AndItsFirstUpdateCarriesTheReport()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(RateLimited("1"), FakeReply.Text("streamed pong").WithChunks("streamed", " pong"));
        using var client = Client(server, time);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Question(), cancellationToken: Ct))
        {
            updates.Add(update);
        }

        Assert.Equal("streamed pong", updates.ToChatResponse().Text);
        Assert.All(server.Requests, r => Assert.True(r.Stream));
        var report = ResilienceReport.From(updates[0].AdditionalProperties);
        Assert.Equal(1, report.Retries);
        Assert.Equal(1000, report.BackoffMs);
        Assert.Null(report.AttemptMs);
    }

    [Fact]
    public async Task AStreamThatBreaksAfterItsFirstUpdate_IsNotStartedOver()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(FakeReply.Text("one two three").WithChunks("one", " two", " three").WithAbortAfterChunks(1), FakeReply.Text("again"));
        using var client = Client(server, time);

        var received = new List<string>();
        var error = await Assert.ThrowsAsync<ModelCallException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question(), cancellationToken: Ct))
            {
                received.Add(update.Text);
            }
        });

        Assert.Single(server.Requests);
        Assert.Contains("one", received);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task WithRetriesOff_ATransientFailureIsThrownAsItCame()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(FakeReply.Error(503, "Overloaded"), FakeReply.Text("unused"));
        using var client = Client(server, time, Options(time, maxRetries: 0));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(Question(), cancellationToken: Ct));

        Assert.Single(server.Requests);
        Assert.Equal(503, error.StatusCode);
        Assert.DoesNotContain("Gave up", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsFromEnvironment_ReadEveryVariable_AndNameABadOne()
    {
        var variables = new Dictionary<string, string>
        {
            [ResilienceOptions.MaxRetriesVariable] = "5",
            [ResilienceOptions.MaxConcurrentRequestsVariable] = "2",
            [ResilienceOptions.RequestsPerMinuteVariable] = "60",
            [ResilienceOptions.TokensPerMinuteVariable] = "90000",
            [ResilienceOptions.AttemptTimeoutVariable] = "2500",
        };

        var options = ResilienceOptions.FromEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Equal((5, 2, 60, 90000L, TimeSpan.FromMilliseconds(2500)),
            (options.MaxRetries, options.MaxConcurrentRequests!.Value, options.RequestsPerMinute!.Value, options.TokensPerMinute!.Value, options.AttemptTimeout!.Value));
        Assert.Equal(ResilienceOptions.Default, ResilienceOptions.FromEnvironment(_ => null));
        var error = Assert.Throws<ArgumentException>(() => ResilienceOptions.FromEnvironment(name => name == ResilienceOptions.MaxConcurrentRequestsVariable ? "0" : null));
        Assert.StartsWith("EVALHARNESS_MAX_CONCURRENT_REQUESTS='0' is not a whole number of at least 1", error.Message, StringComparison.Ordinal);
    }
}
