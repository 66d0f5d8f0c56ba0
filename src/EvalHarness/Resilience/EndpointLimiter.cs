using System.Collections.Concurrent;

namespace EvalHarness.Resilience;

/// <summary>
/// The limits of one model endpoint, shared by every client that calls it in the process: a cap on requests in flight, requests and
/// tokens per minute, and a pause every caller honours after the endpoint answered 429 with <c>Retry-After</c>.
/// </summary>
/// <remarks>
/// <see cref="ForEndpoint"/> hands out one limiter per endpoint for the whole process, so parallel tests and suites that call the same
/// endpoint queue behind one cap rather than each using its own. The first caller's limits win for an endpoint.
/// </remarks>
public sealed class EndpointLimiter
{
    private static readonly ConcurrentDictionary<string, EndpointLimiter> Shared = new(StringComparer.OrdinalIgnoreCase);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim? _slots;
    private readonly RateWindow? _requests;
    private readonly RateWindow? _tokens;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>Creates a limiter of its own (not shared); use <see cref="ForEndpoint"/> for the process-wide one.</summary>
    /// <param name="maxConcurrentRequests">The most requests in flight at once, or null for no cap.</param>
    /// <param name="requestsPerMinute">The most requests started in any 60 s, or null for no limit.</param>
    /// <param name="tokensPerMinute">The most reported tokens in any 60 s, or null for no limit.</param>
    /// <param name="timeProvider">The clock for rate windows and pauses; the system clock when null.</param>
    public EndpointLimiter(int? maxConcurrentRequests = null, int? requestsPerMinute = null, long? tokensPerMinute = null, TimeProvider? timeProvider = null)
    {
        if (maxConcurrentRequests is < 1 || requestsPerMinute is < 1 || tokensPerMinute is < 1)
        {
            throw new ArgumentOutOfRangeException(maxConcurrentRequests is < 1 ? nameof(maxConcurrentRequests) : requestsPerMinute is < 1 ? nameof(requestsPerMinute) : nameof(tokensPerMinute),
                "a limit is at least 1, or null for none");
        }

        _time = timeProvider ?? TimeProvider.System;
        MaxConcurrentRequests = maxConcurrentRequests;
        _slots = maxConcurrentRequests is { } cap ? new SemaphoreSlim(cap, cap) : null;
        _requests = requestsPerMinute is { } rpm ? new RateWindow(rpm, Minute, _time) : null;
        _tokens = tokensPerMinute is { } tpm ? new RateWindow(tpm, Minute, _time) : null;
    }

    /// <summary>The cap on requests in flight, or null.</summary>
    public int? MaxConcurrentRequests { get; }

    /// <summary>Requests in flight now (only counted when there is a cap).</summary>
    public int InFlight => _slots is null ? 0 : MaxConcurrentRequests!.Value - _slots.CurrentCount;

    /// <summary>The process-wide limiter of <paramref name="endpoint"/>, created with <paramref name="options"/>' limits on first use.</summary>
    /// <param name="endpoint">The endpoint's identity, for example its base URL (compared without regard to case).</param>
    /// <param name="options">The limits and clock to create the limiter with when it does not exist yet.</param>
    public static EndpointLimiter ForEndpoint(string endpoint, ResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        return Shared.GetOrAdd(endpoint.TrimEnd('/'), _ =>
            new EndpointLimiter(options.MaxConcurrentRequests, options.RequestsPerMinute, options.TokensPerMinute, options.TimeProvider));
    }

    /// <summary>Waits for a slot, for the end of any shared pause and for room in the rate windows; dispose the lease when the request is over.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public async ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken = default)
    {
        if (_slots is not null)
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            while (true)
            {
                var wait = PauseRemaining();
                if (wait <= TimeSpan.Zero && (_tokens is null || _tokens.TryCharge(0, out wait)) && (_requests is null || _requests.TryCharge(1, out wait)))
                {
                    return new Lease(_slots);
                }

                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _slots?.Release();
            throw;
        }
    }

    /// <summary>Makes every caller wait <paramref name="duration"/> from now before its next request (an endpoint's 429 with <c>Retry-After</c>).</summary>
    public void PauseFor(TimeSpan duration)
    {
        var until = _time.GetUtcNow() + duration;
        lock (_gate)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    /// <summary>Counts tokens a response reported against the tokens-per-minute window.</summary>
    public void RecordTokens(long tokens) => _tokens?.Charge(tokens);

    private TimeSpan PauseRemaining()
    {
        lock (_gate)
        {
            return _pausedUntil - _time.GetUtcNow();
        }
    }

    private sealed class Lease(SemaphoreSlim? slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots?.Release();
            }
        }
    }
}
