using EvalHarness.Running;
using Microsoft.Extensions.Logging;

namespace EvalHarness.Logging;

/// <summary>The <see cref="LogCategories.Running"/> messages (event ids 1000–1099).</summary>
internal static partial class RunLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Run starting: mode {Mode}, {SuiteFileCount} suite file(s), shard {Shard}")]
    public static partial void RunStarting(ILogger logger, string mode, int suiteFileCount, string shard);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Run {RunId} finished in {DurationMs} ms: {SuiteCount} suite(s), {CaseCount} case(s) ({Passed} passed, {Failed} failed, " +
            "{Inconclusive} inconclusive, {Errors} errors), exit code {ExitCode}")]
    public static partial void RunFinished(ILogger logger, string runId, long durationMs, int suiteCount, int caseCount, int passed, int failed,
        int inconclusive, int errors, int exitCode);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Suite {Suite} starting ({File}, target {Target}, max concurrency {MaxConcurrency})")]
    public static partial void SuiteStarting(ILogger logger, string suite, string file, string target, int maxConcurrency);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Suite {Suite} finished: {CaseCount} case(s), {Passed} passed, {Failed} failed, {Inconclusive} inconclusive, {Errors} errors; gate {GateVerdict}")]
    public static partial void SuiteFinished(ILogger logger, string suite, int caseCount, int passed, int failed, int inconclusive, int errors, Verdict gateVerdict);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Case {CaseId} of suite {Suite} ended in error ({ErrorKind}): {Reason}")]
    public static partial void CaseError(ILogger logger, string suite, string caseId, CaseErrorKind errorKind, string? reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Trace, Message = "Case {CaseId} of suite {Suite}: {Verdict} in {DurationMs} ms")]
    public static partial void CaseCompleted(ILogger logger, string suite, string caseId, Verdict verdict, double durationMs);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "Configuration error in {File}:{Line} field {Field} [{Code}]: {Reason}")]
    public static partial void ConfigurationError(ILogger logger, string file, int line, string field, string code, string reason);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information,
        Message = "Suite {Suite} has no model endpoint ({Reason}); in mode {Mode} only recorded calls can be answered")]
    public static partial void EndpointNotConfigured(ILogger logger, string suite, string reason, string mode);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Suite {Suite} stopped before every case finished: {Reason}")]
    public static partial void SuiteStopped(ILogger logger, string suite, string reason);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Suite {Suite} kept finished cases in memory: {Reason}")]
    public static partial void SpillFailed(ILogger logger, string suite, string reason);

    /// <summary>Logs a finished case: at trace level always, at warning level when it ended in error. Allocates nothing when both are off.</summary>
    public static void Case(ILogger logger, string suite, CaseResult result)
    {
        if (result.Verdict == Verdict.Error)
        {
            CaseError(logger, suite, result.Id, result.ErrorKind, result.Error);
        }

        CaseCompleted(logger, suite, result.Id, result.Verdict, result.Duration.TotalMilliseconds);
    }

    /// <summary>Logs a finished suite with its verdict counts and gate.</summary>
    public static void Suite(ILogger logger, SuiteResult result)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var a = result.Aggregates;
            SuiteFinished(logger, result.Name, a.Cases, a.Passed, a.Failed, a.Inconclusive, a.Errors, result.Gate.Verdict);
        }
    }
}
