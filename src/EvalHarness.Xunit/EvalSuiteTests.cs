using EvalHarness.Running;
using EvalHarness.Targets;
using Xunit;

namespace EvalHarness.Xunit;

/// <summary>
/// The bodies of the tests the EvalHarness source generator writes for each suite: <see cref="RunCaseAsync(string, string, IEvalTarget?)"/> for the <c>Case</c>
/// theory (one test per dataset case) and <see cref="RunGateAsync(string, IEvalTarget?)"/> for the <c>Gate</c> fact.
/// </summary>
/// <remarks>
/// <para>
/// Each suite file is loaded once per test process; each case runs once whether its own test or the Gate test asks first, and its
/// result goes into the run's artifacts (see <see cref="EvalRunArtifacts"/>). Mode, shard and model come from the
/// <c>EVALHARNESS_*</c> environment variables; prompt targets call the OpenAI-compatible endpoint of the suite's <c>provider:</c>.
/// </para>
/// <para>
/// A case test passes on <c>pass</c>; fails on <c>error</c>; on <c>fail</c> it fails when the suite has no <c>gate:</c>, and passes with
/// a warning when it has one (the Gate test then decides, so a suite that allows 10% failures does not turn the run red);
/// passes with a warning on <c>inconclusive</c>; and is skipped in <c>auto</c> mode when the case has no recording and no endpoint
/// is configured (in <c>replay</c> mode a missing recording is an error). A test that fails or warns carries the case's whole output
/// and metric results as the attachments <c>output</c> and <c>metrics</c>; the Gate test carries its checks as <c>gate</c>.
/// </para>
/// </remarks>
public static class EvalSuiteTests
{
    /// <summary>Runs one case of a suite and reports it as the current test's outcome.</summary>
    /// <param name="suiteFile">The suite file.</param>
    /// <param name="caseId">The case id from <see cref="EvalCaseDataAttribute"/>.</param>
    /// <param name="target">The system under test; null when the suite names its own (<c>target:</c> with a prompt or dataset outputs).</param>
    public static Task RunCaseAsync(string suiteFile, string caseId, IEvalTarget? target) =>
        RunCaseAsync(SuiteSessions.Default.Get(suiteFile), caseId, target);

    /// <summary>Runs the cases of a suite that have not run yet, applies its gate and reports it as the current test's outcome.</summary>
    /// <param name="suiteFile">The suite file.</param>
    /// <param name="target">The system under test; null when the suite names its own.</param>
    /// <remarks>Fails listing the failing checks and cases; skipped when cases could not run in auto mode; warns on undecided checks.</remarks>
    public static Task RunGateAsync(string suiteFile, IEvalTarget? target) =>
        RunGateAsync(SuiteSessions.Default.Get(suiteFile), target);

    internal static async Task RunCaseAsync(SuiteSession session, string caseId, IEvalTarget? target)
    {
        var context = TestContext.Current;
        var result = await session.RunCaseAsync(caseId, target, context.CancellationToken).ConfigureAwait(false);
        var outcome = CaseOutcome.From(session.Suite.Name, session.Suite.Definition.Gate is not null, result);

        // Only cases someone has to look at: the runner writes every attachment to a file and lists it (results.json has them all).
        if (outcome.Kind is OutcomeKind.Fail or OutcomeKind.Warn)
        {
            if (result.Output is { } output)
            {
                context.AddAttachment("output", output);
            }

            if (result.Metrics.Count > 0)
            {
                context.AddAttachment("metrics", string.Join("\n", result.Metrics.Select(CaseOutcome.MetricLine)));
            }
        }

        Report(context, outcome.Kind, outcome.Message);
    }

    internal static async Task RunGateAsync(SuiteSession session, IEvalTarget? target)
    {
        var context = TestContext.Current;
        var suite = await session.RunAllAsync(target, context.CancellationToken).ConfigureAwait(false);
        var outcome = GateOutcome.From(suite, session.CountsTowardsGate);
        context.AddAttachment("gate", outcome.Report);
        Report(context, outcome.Kind, outcome.Message);
    }

    private static void Report(ITestContext context, OutcomeKind kind, string message)
    {
        switch (kind)
        {
            case OutcomeKind.Skip:
                Assert.Skip(message);
                break;
            case OutcomeKind.Fail:
                Assert.Fail(message);
                break;
            case OutcomeKind.Warn:
                context.AddWarning(message);
                break;
        }
    }
}
