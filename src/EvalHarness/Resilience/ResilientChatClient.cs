using System.Globalization;
using System.Runtime.CompilerServices;
using EvalHarness.Logging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace EvalHarness.Resilience;

/// <summary>
/// Retries transient failures of an inner chat client with jittered exponential backoff (Polly), honouring <c>Retry-After</c>, under a
/// per-endpoint concurrency cap and rate limits shared by the whole process, and reports the time spent on retries and queueing apart
/// from the endpoint's own latency.
/// </summary>
/// <remarks>
/// <para>
/// What is retried is what <see cref="ModelCallException.IsTransient"/> says (429, 5xx, 408, dropped connections, timeouts), plus an attempt
/// that exceeds <see cref="ResilienceOptions.AttemptTimeout"/>. Anything else — a 400, an unreadable answer, the caller's own
/// cancellation — passes through at once. A stream is retried only until its first update has been passed on.
/// </para>
/// <para>
/// When retries run out the call throws a <see cref="ModelCallException"/> with the last failure's status and classification and a
/// message saying how many attempts were made over how long, so <see cref="ModelCallException.IsInfrastructure"/> still tells the runner
/// the endpoint never answered (exit code 3).
/// </para>
/// <para>
/// Successful responses (or a stream's first update) carry a <see cref="ResilienceReport"/> in <c>AdditionalProperties</c>
/// (<see cref="ResilienceProperties"/>). Put a recording client outside this one: replays then never wait, and only answers are recorded.
/// </para>
/// </remarks>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ResilienceOptions _options;
    private readonly EndpointLimiter _limiter;
    private readonly ResiliencePipeline _pipeline;
    private readonly Uri? _endpoint;
    private readonly string? _defaultModel;
    private readonly string _endpointName;
    private readonly ILogger _log;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The endpoint's client; it should not retry by itself, or attempts multiply.</param>
    /// <param name="options">Retry settings and limits; <see cref="ResilienceOptions.Default"/> when null.</param>
    /// <param name="limiter">The limits to queue behind; when null, the process-wide limiter of the inner client's endpoint (<see cref="EndpointLimiter.ForEndpoint"/>).</param>
    /// <param name="loggerFactory">Where retries, rate-limit pauses and queueing are logged (<see cref="LogCategories.Resilience"/>); nowhere when null.</param>
    public ResilientChatClient(IChatClient innerClient, ResilienceOptions? options = null, EndpointLimiter? limiter = null, ILoggerFactory? loggerFactory = null)
        : base(innerClient)
    {
        _options = options ?? ResilienceOptions.Default;
        var metadata = innerClient.GetService<ChatClientMetadata>();
        _endpoint = metadata?.ProviderUri;
        _defaultModel = metadata?.DefaultModelId;
        _endpointName = _endpoint?.ToString() ?? metadata?.ProviderName ?? innerClient.GetType().FullName!;
        _limiter = limiter ?? EndpointLimiter.ForEndpoint(_endpointName, _options);
        _log = LogCategories.Create(loggerFactory, LogCategories.Resilience);
        _pipeline = BuildPipeline(_options, _log, _endpointName);
    }

    /// <summary>The limits this client queues behind.</summary>
    public EndpointLimiter Limiter => _limiter;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        var call = new CallTiming(_options.TimeProvider);
        var state = (Client: this, Messages: list, Options: options, Call: call, Outer: cancellationToken);
        ChatResponse response;
        try
        {
            response = await _pipeline.ExecuteAsync(static async (s, token) =>
            {
                using var lease = await s.Client.AcquireAsync(s.Call, token).ConfigureAwait(false);
                using var attempt = new Attempt(s.Outer, s.Client._options.AttemptTimeout);
                try
                {
                    return await s.Client.InnerClient.GetResponseAsync(s.Messages, s.Options, attempt.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (attempt.IsTimedOut && !s.Outer.IsCancellationRequested)
                {
                    s.Call.EndAttempt();
                    throw s.Client.AttemptTimedOut(s.Options);
                }
                catch (Exception ex)
                {
                    s.Call.EndAttempt();
                    s.Client.Observe(ex);
                    throw;
                }
            }, state, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallException ex) when (call.Attempts > 1 || (ex.IsTransient && _options.MaxRetries > 0))
        {
            throw GaveUp(ex, call);
        }

        var report = call.Report(attemptFinished: true);
        report.WriteTo(response.AdditionalProperties ??= []);
        if ((response.Usage?.TotalTokenCount ?? Sum(response.Usage)) is { } tokens)
        {
            _limiter.RecordTokens(tokens);
        }

        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        var call = new CallTiming(_options.TimeProvider);
        var state = (Client: this, Messages: list, Options: options, Call: call, Outer: cancellationToken);
        OpenStream stream;
        try
        {
            stream = await _pipeline.ExecuteAsync(static (s, token) => s.Client.OpenAsync(s.Messages, s.Options, s.Call, s.Outer, token), state, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ModelCallException ex) when (call.Attempts > 1 || (ex.IsTransient && _options.MaxRetries > 0))
        {
            throw GaveUp(ex, call);
        }

        try
        {
            if (stream.First is not { } first)
            {
                yield break;
            }

            call.Report(attemptFinished: false).WriteTo(first.AdditionalProperties ??= []);
            long? tokens = Tokens(first);
            yield return first;
            while (true)
            {
                try
                {
                    if (!await stream.Updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (stream.Attempt.IsTimedOut && !cancellationToken.IsCancellationRequested)
                {
                    // Updates were already passed on, so the call cannot start over.
                    throw AttemptTimedOut(options);
                }

                var update = stream.Updates.Current;
                tokens = Tokens(update) ?? tokens;
                yield return update;
            }

            if (tokens is { } used)
            {
                _limiter.RecordTokens(used);
            }
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ResiliencePipeline BuildPipeline(ResilienceOptions options, ILogger log, string endpoint)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider };
        if (options.MaxRetries <= 0)
        {
            return builder.Build();
        }

        var retry = new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = options.UseJitter,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ModelCallException { IsTransient: true } ex
                && (ex.RetryAfter is not { } wait || wait <= options.MaxRetryAfter)),

            // The endpoint's own Retry-After wins over computed backoff; null falls back to Polly's jittered exponential delay.
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is ModelCallException { RetryAfter: { } wait } ? (TimeSpan?)wait : null),
            OnRetry = args =>
            {
                // Polly counts attempts from 0: the attempt that just failed is AttemptNumber + 1.
                if (args.Outcome.Exception is ModelCallException failed)
                {
                    ResilienceLog.Retrying(log, endpoint, args.AttemptNumber + 1, failed.StatusCode, args.RetryDelay.TotalMilliseconds, failed.Message);
                }

                return ValueTask.CompletedTask;
            },
        };
        if (options.Randomizer is { } randomizer)
        {
            retry.Randomizer = randomizer;
        }

        return builder.AddRetry(retry).Build();
    }

    private async ValueTask<IDisposable> AcquireAsync(CallTiming call, CancellationToken cancellationToken)
    {
        var queued = _options.TimeProvider.GetTimestamp();
        var lease = await _limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
        call.BeginAttempt(queued);
        if (_log.IsEnabled(LogLevel.Debug) && _options.TimeProvider.GetElapsedTime(queued).TotalMilliseconds is var waited and >= 1)
        {
            ResilienceLog.Queued(_log, _endpointName, waited, call.Attempts);
        }

        return lease;
    }

    private async ValueTask<OpenStream> OpenAsync(IReadOnlyCollection<ChatMessage> messages, ChatOptions? options, CallTiming call,
        CancellationToken outer, CancellationToken token)
    {
        var lease = await AcquireAsync(call, token).ConfigureAwait(false);
        var attempt = new Attempt(outer, _options.AttemptTimeout);
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            updates = InnerClient.GetStreamingResponseAsync(messages, options, attempt.Token).GetAsyncEnumerator(attempt.Token);
            var first = await updates.MoveNextAsync().ConfigureAwait(false) ? updates.Current : null;
            return new OpenStream(updates, first, attempt, lease);
        }
        catch (Exception ex)
        {
            call.EndAttempt();
            Observe(ex);
            if (updates is not null)
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }

            attempt.Dispose();
            lease.Dispose();
            if (ex is OperationCanceledException && attempt.IsTimedOut && !outer.IsCancellationRequested)
            {
                throw AttemptTimedOut(options);
            }

            throw;
        }
    }

    // A 429 with Retry-After holds every caller of the endpoint, not just this call: the limit is the endpoint's.
    private void Observe(Exception exception)
    {
        if (exception is ModelCallException { StatusCode: 429, RetryAfter: { } pause } && pause <= _options.MaxRetryAfter)
        {
            ResilienceLog.RateLimitPause(_log, _endpointName, 429, pause.TotalMilliseconds);
            _limiter.PauseFor(pause);
        }
    }

    private ModelCallException AttemptTimedOut(ChatOptions? options) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"The model endpoint {_endpoint?.ToString() ?? "(unknown)"} (model {options?.ModelId ?? _defaultModel ?? "(default)"}) did not answer within the attempt timeout of {_options.AttemptTimeout!.Value.TotalMilliseconds:0} ms."))
        {
            IsTransient = true,
            Endpoint = _endpoint,
            ModelId = options?.ModelId ?? _defaultModel,
        };

    private ModelCallException GaveUp(ModelCallException last, CallTiming call)
    {
        var report = call.Report(attemptFinished: true);
        var why = last.RetryAfter is { } wait && wait > _options.MaxRetryAfter
            ? string.Create(CultureInfo.InvariantCulture, $"the endpoint asked to wait {wait.TotalSeconds:0.###} s, more than the {_options.MaxRetryAfter.TotalSeconds:0.###} s allowed")
            : last.IsTransient ? "retries exhausted" : "not retryable";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Gave up after {call.Attempts} attempt(s) over {call.Elapsed.TotalSeconds:0.###} s ({why}; {report.BackoffMs:0} ms of backoff). Last failure: {last.Message}");
        ResilienceLog.GaveUp(_log, _endpointName, call.Attempts, last.StatusCode, message);
        return new ModelCallException(message, last)
        {
            StatusCode = last.StatusCode,
            IsTransient = last.IsTransient,
            RetryAfter = last.RetryAfter,
            ErrorCode = last.ErrorCode,
            Endpoint = last.Endpoint,
            ModelId = last.ModelId,
        };
    }

    private static long? Sum(UsageDetails? usage) =>
        usage is null || (usage.InputTokenCount is null && usage.OutputTokenCount is null) ? null : (usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0);

    private static long? Tokens(ChatResponseUpdate update)
    {
        foreach (var content in update.Contents)
        {
            if (content is UsageContent usage)
            {
                return usage.Details.TotalTokenCount ?? Sum(usage.Details);
            }
        }

        return null;
    }

    /// <summary>The attempt's cancellation: the caller's token plus the attempt timeout, on real time.</summary>
    private sealed class Attempt : IDisposable
    {
        private readonly CancellationTokenSource _source;

        public Attempt(CancellationToken outer, TimeSpan? timeout)
        {
            _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
            if (timeout is { } limit)
            {
                _source.CancelAfter(limit);
            }

            Timeout = timeout;
            Outer = outer;
        }

        public CancellationToken Token => _source.Token;

        public bool IsTimedOut => Timeout is not null && _source.IsCancellationRequested && !Outer.IsCancellationRequested;

        private TimeSpan? Timeout { get; }

        private CancellationToken Outer { get; }

        public void Dispose() => _source.Dispose();
    }

    /// <summary>An opened stream: its enumerator, the first update (null for an empty stream), its attempt and its endpoint lease.</summary>
    private sealed class OpenStream(IAsyncEnumerator<ChatResponseUpdate> updates, ChatResponseUpdate? first, Attempt attempt, IDisposable lease) : IAsyncDisposable
    {
        public IAsyncEnumerator<ChatResponseUpdate> Updates => updates;

        public ChatResponseUpdate? First => first;

        public Attempt Attempt => attempt;

        public async ValueTask DisposeAsync()
        {
            await updates.DisposeAsync().ConfigureAwait(false);
            attempt.Dispose();
            lease.Dispose();
        }
    }

    /// <summary>Timestamps of one call: when it began, when each attempt began, and how long was spent queueing.</summary>
    private sealed class CallTiming(TimeProvider time)
    {
        private readonly long _started = time.GetTimestamp();
        private long? _attemptStarted;
        private long? _lastAttemptEnded;
        private double _queueMs;
        private double _backoffMs;
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public TimeSpan Elapsed => time.GetElapsedTime(_started);

        public void BeginAttempt(long queuedAt)
        {
            var now = time.GetTimestamp();
            _queueMs += time.GetElapsedTime(queuedAt, now).TotalMilliseconds;
            if (_lastAttemptEnded is { } ended)
            {
                // Between the previous attempt's end and this one's queueing lies the backoff wait.
                _backoffMs += time.GetElapsedTime(ended, queuedAt).TotalMilliseconds;
            }

            _attemptStarted = now;
            Interlocked.Increment(ref _attempts);
        }

        public void EndAttempt() => _lastAttemptEnded = time.GetTimestamp();

        public ResilienceReport Report(bool attemptFinished)
        {
            var now = time.GetTimestamp();
            var beforeAttempt = time.GetElapsedTime(_started, _attemptStarted ?? now).TotalMilliseconds;
            return new ResilienceReport
            {
                Attempts = Math.Max(1, Attempts),
                BackoffMs = _backoffMs,
                QueueMs = _queueMs,
                RetryMs = Math.Max(0, beforeAttempt - _queueMs),
                AttemptMs = attemptFinished && _attemptStarted is { } started ? time.GetElapsedTime(started, now).TotalMilliseconds : null,
            };
        }
    }
}
