using EvalHarness.Metrics;
using EvalHarness.Recording;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace EvalHarness.Running;

/// <summary>How a run behaves: mode, metrics, endpoints, concurrency, sharding and where artifacts go.</summary>
public sealed record EvalRunOptions
{
    /// <summary>Replay, record, live or auto (<c>EVALHARNESS_MODE</c>).</summary>
    public EvalMode Mode { get; init; } = EvalMode.Auto;

    /// <summary>The metrics suites may name, including custom ones registered in C#.</summary>
    public MetricRegistry Metrics { get; init; } = MetricRegistry.CreateDefault();

    /// <summary>
    /// Creates the chat client for a suite's prompt target from its <c>provider:</c> section and model. Throw
    /// <see cref="EndpointNotConfiguredException"/> when no endpoint is configured (auto mode then replays or skips).
    /// Null means no endpoint can be configured at all.
    /// </summary>
    public Func<EndpointDefinition?, string?, IChatClient>? ChatClientFactory { get; init; }

    /// <summary>
    /// Creates the judge endpoint from a suite's <c>judge:</c> section. Throw <see cref="EndpointNotConfiguredException"/> when none is
    /// configured (recorded judge answers still replay); null means no judge endpoint can be configured.
    /// </summary>
    public Func<EndpointDefinition, IChatClient>? JudgeClientFactory { get; init; }

    /// <summary>Retries, rate limits and concurrency caps for model calls (system under test and judges); the defaults when null.</summary>
    public EvalHarness.Resilience.ResilienceOptions? Resilience { get; init; }

    /// <summary>Overrides every suite's <c>max_concurrency</c> when set.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Runs only this shard's cases when set (<c>EVALHARNESS_SHARD</c>).</summary>
    public Shard? Shard { get; init; }

    /// <summary>Runs only the cases this returns true for, when set (<c>evalharness run --filter</c>).</summary>
    /// <remarks>
    /// Applied next to <see cref="Shard"/>, before a case runs. Rows that could not be read into a case are never filtered out: bad input stays visible.
    /// </remarks>
    public Func<EvalCase, bool>? Filter { get; init; }

    /// <summary>Overrides every prompt target's model when set (<c>EVALHARNESS_MODEL</c>).</summary>
    public string? ModelOverride { get; init; }

    /// <summary>Where run folders are written (<c>EVALHARNESS_ARTIFACTS</c>, default <c>artifacts/evals</c>).</summary>
    public string ArtifactsDirectory { get; init; } = "artifacts/evals";

    /// <summary>
    /// How many finished cases of a suite are kept in memory (default 2,000); past that, finished cases are written to a temporary file
    /// and read back one at a time for the gate and the reports, so memory stays flat however large the dataset. 0 spills every case.
    /// </summary>
    /// <remarks>
    /// The file is created in <see cref="SpillDirectory"/> and removed from the directory at once (Unix) or when the run's results are
    /// collected (Windows); a killed run leaves nothing behind. Reports, gate and exit code are the same either way.
    /// </remarks>
    public int SpillAfterCases { get; init; } = DefaultSpillAfterCases;

    /// <summary>Where spilled cases go; the system's temporary folder when null.</summary>
    public string? SpillDirectory { get; init; }

    /// <summary>The default of <see cref="SpillAfterCases"/>: about 1.5 MB of results, below which a temporary file is not worth it.</summary>
    public const int DefaultSpillAfterCases = 2_000;

    /// <summary>Where the run's structured logs go (categories in <see cref="EvalHarness.Logging.LogCategories"/>); null writes none.</summary>
    /// <remarks>
    /// The run logs its start and end, each suite, each case that ends in error, configuration errors, retries and rate-limit waits, and
    /// (at debug level) recording hits, misses and writes. Wrap providers in <see cref="EvalHarness.Logging.RedactingLoggerProvider"/> so
    /// keys an endpoint echoes back never reach a sink; the <c>evalharness</c> command does.
    /// </remarks>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Reads the options from environment variables.</summary>
    /// <param name="getEnvironmentVariable">The lookup (the process environment when null).</param>
    /// <exception cref="ArgumentException">A variable has an invalid value; the message names it.</exception>
    public static EvalRunOptions FromEnvironment(Func<string, string?>? getEnvironmentVariable = null)
    {
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        var shard = env("EVALHARNESS_SHARD");
        var artifacts = env("EVALHARNESS_ARTIFACTS");
        return new EvalRunOptions
        {
            Mode = EvalModes.Parse(env("EVALHARNESS_MODE")),
            Shard = string.IsNullOrWhiteSpace(shard) ? null : Running.Shard.Parse(shard.Trim()),
            ArtifactsDirectory = string.IsNullOrWhiteSpace(artifacts) ? "artifacts/evals" : artifacts,
            ModelOverride = string.IsNullOrWhiteSpace(env("EVALHARNESS_MODEL")) ? null : env("EVALHARNESS_MODEL"),
        };
    }
}
