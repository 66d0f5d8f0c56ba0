using System.Globalization;
using EvalHarness.Recording;

namespace EvalHarness.Running;

/// <summary>A whole run: every suite's results plus provenance. Written as <c>results.json</c>.</summary>
public sealed record RunResult
{
    /// <summary>The version of the results.json format this type writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The run's id, also its folder name: <c>yyyyMMdd-HHmmss-xxxx</c> (UTC).</summary>
    public required string RunId { get; init; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run finished.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>The harness version that produced the run.</summary>
    public string HarnessVersion { get; init; } = Provenance.HarnessVersion;

    /// <summary>The git commit of the working directory, or null outside a repository.</summary>
    public string? GitCommit { get; init; }

    /// <summary>The mode calls were made in.</summary>
    public EvalMode Mode { get; init; }

    /// <summary>The shard this run covered, or null for all cases.</summary>
    public Shard? Shard { get; init; }

    /// <summary>Every suite, in the order given.</summary>
    public IReadOnlyList<SuiteResult> Suites { get; init; } = [];

    /// <summary>False when any suite was cancelled before it finished.</summary>
    public bool Complete => Suites.All(s => s.Complete);

    /// <summary>
    /// The process exit code: 2 when any suite or dataset row was invalid, else 3 when an endpoint was unreachable,
    /// else 1 when any gate failed (or a run was cancelled), else 0.
    /// </summary>
    public int ExitCode =>
        Suites.Any(s => s.ConfigurationErrors.Count > 0) ? ExitCodes.BadInput
        : Suites.Any(s => s.Cases.Any(c => c.ErrorKind == CaseErrorKind.Infrastructure || c.Metrics.Any(m => m.IsInfrastructureError))) ? ExitCodes.Infrastructure
        : Suites.Any(s => s.Verdict is Verdict.Fail or Verdict.Error) ? ExitCodes.GateFailed
        : ExitCodes.Passed;

    /// <summary>Creates a new run id from the current UTC time and a random suffix.</summary>
    public static string NewRunId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Random.Shared.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture);
}
