using EvalHarness.Running;

namespace EvalHarness.Baselines;

/// <summary>How a run treats its baselines: whether it accepts what it measured, whether it runs in CI, and which cases it covers.</summary>
public sealed record BaselineSettings
{
    /// <summary>The variable that accepts new baselines locally.</summary>
    public const string AcceptVariable = "EVALHARNESS_ACCEPT";

    /// <summary>True when <c>EVALHARNESS_ACCEPT</c> asked for acceptance, whether or not it is honoured.</summary>
    public bool AcceptRequested { get; init; }

    /// <summary>True when the run is in CI (<c>CI</c> is set): acceptance is refused and dangling snapshot files fail the run.</summary>
    public bool IsContinuousIntegration { get; init; }

    /// <summary>True when the run writes what it measured as the new verified baseline (asked for, and not in CI).</summary>
    public bool Accept => AcceptRequested && !IsContinuousIntegration;

    /// <summary>The shard the run covers, or null for every case. A sharded run compares only its cases and never writes baselines.</summary>
    public Shard? Shard { get; init; }

    /// <summary>True when a filter (<c>--filter</c>) chose the cases: like a shard, the run compares only its cases and never writes baselines.</summary>
    public bool Filtered { get; init; }

    /// <summary>Reads <c>EVALHARNESS_ACCEPT</c> (1, true or yes) and <c>CI</c> (any value but empty, 0 or false).</summary>
    /// <param name="getEnvironmentVariable">The lookup (the process environment when null).</param>
    public static BaselineSettings FromEnvironment(Func<string, string?>? getEnvironmentVariable = null)
    {
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        return new BaselineSettings
        {
            AcceptRequested = env(AcceptVariable)?.Trim().ToLowerInvariant() is "1" or "true" or "yes",
            IsContinuousIntegration = env("CI")?.Trim().ToLowerInvariant() is { Length: > 0 } ci && ci is not ("0" or "false"),
        };
    }
}
