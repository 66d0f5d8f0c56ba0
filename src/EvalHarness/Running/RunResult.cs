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
    /// The process exit code: 2 when any suite or dataset row was invalid, else 3 when an endpoint never answered (every call to
    /// a suite's model, or to its judge, failed after retries), else 1 when any gate failed (or a run was cancelled), else 0.
    /// </summary>
    /// <remarks>
    /// Infrastructure errors on some cases of an endpoint that answered the others are <c>error</c> verdicts that fail the gate
    /// (exit 1), not exit 3: 3 tells CI the whole run said nothing about the model and is worth retrying as it is.
    /// </remarks>
    public int ExitCode =>
        Suites.Any(s => s.ConfigurationErrors.Count > 0) ? ExitCodes.BadInput
        : Suites.Any(EndpointNeverAnswered) ? ExitCodes.Infrastructure
        : Suites.Any(s => s.Verdict is Verdict.Fail or Verdict.Error) ? ExitCodes.GateFailed
        : ExitCodes.Passed;

    // Keyed by the case list: the exit code is read several times and a large suite's cases are streamed from disk on each pass.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<CaseResult>, object> s_neverAnswered = [];

    private static bool EndpointNeverAnswered(SuiteResult suite) =>
        (bool)s_neverAnswered.GetValue(suite.Cases, cases => ComputeEndpointNeverAnswered(cases));

    private static bool ComputeEndpointNeverAnswered(IReadOnlyList<CaseResult> cases)
    {
        int targetDown = 0, targetAnswered = 0, judgeDown = 0, judgeAnswered = 0;
        foreach (var c in cases)
        {
            if (c.ErrorKind == CaseErrorKind.Infrastructure)
            {
                targetDown++;
            }
            else if (c.ErrorKind is CaseErrorKind.None or CaseErrorKind.Target)
            {
                targetAnswered++;
            }

            foreach (var m in c.Metrics)
            {
                if (m.IsInfrastructureError)
                {
                    judgeDown++;
                }
                else if (m.JudgeMeasurements is not null)
                {
                    judgeAnswered++;
                }
            }
        }

        return (targetDown > 0 && targetAnswered == 0) || (judgeDown > 0 && judgeAnswered == 0);
    }

    /// <summary>Creates a new run id from the current UTC time and a random suffix.</summary>
    public static string NewRunId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Random.Shared.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture);
}
