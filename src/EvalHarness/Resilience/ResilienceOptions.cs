using System.Globalization;

namespace EvalHarness.Resilience;

/// <summary>How <see cref="ResilientChatClient"/> retries failed model calls and how hard it may use one endpoint.</summary>
/// <remarks>
/// <para>
/// Retries cover what <see cref="ModelCallException.IsTransient"/> marks as worth another try (408, 429, 5xx, dropped or refused
/// connections, timeouts). The wait before a retry is what the endpoint asked for (<c>Retry-After</c>/<c>retry-after-ms</c>) when it
/// said, else an exponential backoff from <see cref="BaseDelay"/> with jitter, capped at <see cref="MaxDelay"/>. An endpoint asking to
/// wait longer than <see cref="MaxRetryAfter"/> is not retried: the call fails at once rather than stalling the run.
/// </para>
/// <para>
/// The limits (<see cref="MaxConcurrentRequests"/>, <see cref="RequestsPerMinute"/>, <see cref="TokensPerMinute"/>) apply per endpoint
/// and are shared by every client of that endpoint in the process (see <see cref="EndpointLimiter.ForEndpoint"/>); null means no limit.
/// </para>
/// </remarks>
public sealed record ResilienceOptions
{
    /// <summary>Overrides <see cref="MaxRetries"/>.</summary>
    public const string MaxRetriesVariable = "EVALHARNESS_MAX_RETRIES";

    /// <summary>Overrides <see cref="MaxConcurrentRequests"/>.</summary>
    public const string MaxConcurrentRequestsVariable = "EVALHARNESS_MAX_CONCURRENT_REQUESTS";

    /// <summary>Overrides <see cref="RequestsPerMinute"/>.</summary>
    public const string RequestsPerMinuteVariable = "EVALHARNESS_REQUESTS_PER_MINUTE";

    /// <summary>Overrides <see cref="TokensPerMinute"/>.</summary>
    public const string TokensPerMinuteVariable = "EVALHARNESS_TOKENS_PER_MINUTE";

    /// <summary>Overrides <see cref="AttemptTimeout"/>, in milliseconds.</summary>
    public const string AttemptTimeoutVariable = "EVALHARNESS_ATTEMPT_TIMEOUT_MS";

    /// <summary>The defaults: 3 retries, 1 s base delay with jitter, at most 30 s between tries, no limits.</summary>
    public static ResilienceOptions Default { get; } = new();

    /// <summary>How many times a failed call is tried again (0 turns retries off). Default 3, so at most 4 attempts.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The median wait before the first retry when the endpoint names none; later waits grow exponentially. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest computed wait between two tries. Default 30 s. Does not cap a wait the endpoint asked for (see <see cref="MaxRetryAfter"/>).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest <c>Retry-After</c> honoured; an endpoint asking for more fails the call without waiting. Default 60 s.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether computed waits are jittered (Polly's decorrelated jitter), so parallel callers do not retry in lockstep. Default true.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>How long one attempt may take before it is abandoned as a transient timeout, or null for no limit of our own (the client's applies).</summary>
    /// <remarks>For a stream it covers the whole attempt; once the first update has been passed on, a timeout fails the call without a retry.</remarks>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>The most requests in flight to one endpoint at once across the process, or null for no cap.</summary>
    public int? MaxConcurrentRequests { get; init; }

    /// <summary>The most requests started against one endpoint in any 60-second window, or null for no limit.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>
    /// The most tokens (as the provider reported them) one endpoint may use in any 60-second window, or null for no limit.
    /// A request starts only while the last minute's reported usage is below the limit; usage is counted when a response arrives.
    /// </summary>
    public long? TokensPerMinute { get; init; }

    /// <summary>The clock for backoff and rate-limit waits and for the timings reported (tests pass a fake one; the attempt timeout always uses real time).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The jitter source (values in [0, 1)), or null for Polly's thread-safe default. Tests pass a fixed one.</summary>
    public Func<double>? Randomizer { get; init; }

    /// <summary>The defaults with overrides from <c>EVALHARNESS_MAX_RETRIES</c>, <c>EVALHARNESS_MAX_CONCURRENT_REQUESTS</c>,
    /// <c>EVALHARNESS_REQUESTS_PER_MINUTE</c>, <c>EVALHARNESS_TOKENS_PER_MINUTE</c> and <c>EVALHARNESS_ATTEMPT_TIMEOUT_MS</c>.</summary>
    /// <param name="getEnvironmentVariable">The lookup; the process environment when null.</param>
    /// <exception cref="ArgumentException">A variable is set to something other than a whole number in its range; the message names it.</exception>
    public static ResilienceOptions FromEnvironment(Func<string, string?>? getEnvironmentVariable = null)
    {
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        var options = Default;
        if (Read(env, MaxRetriesVariable, 0) is { } retries)
        {
            options = options with { MaxRetries = (int)retries };
        }

        if (Read(env, MaxConcurrentRequestsVariable, 1) is { } concurrent)
        {
            options = options with { MaxConcurrentRequests = (int)concurrent };
        }

        if (Read(env, RequestsPerMinuteVariable, 1) is { } rpm)
        {
            options = options with { RequestsPerMinute = (int)rpm };
        }

        if (Read(env, TokensPerMinuteVariable, 1, long.MaxValue) is { } tpm)
        {
            options = options with { TokensPerMinute = tpm };
        }

        if (Read(env, AttemptTimeoutVariable, 1) is { } timeoutMs)
        {
            options = options with { AttemptTimeout = TimeSpan.FromMilliseconds(timeoutMs) };
        }

        return options;
    }

    private static long? Read(Func<string, string?> env, string name, long min, long max = int.MaxValue)
    {
        var text = env(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException(name + "='" + text + "' is not a whole number of at least " + min.ToString(CultureInfo.InvariantCulture));
    }
}
