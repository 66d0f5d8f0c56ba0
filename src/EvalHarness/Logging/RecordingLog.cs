using Microsoft.Extensions.Logging;

namespace EvalHarness.Logging;

/// <summary>The <see cref="LogCategories.Recording"/> messages (event ids 1200–1299), all at debug level.</summary>
internal static partial class RecordingLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Replayed recording {Key} for case {CaseId} from {Directory}")]
    public static partial void Replayed(ILogger logger, string key, string? caseId, string directory);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "No recording {Key} for case {CaseId} in {Directory} (mode {Mode})")]
    public static partial void Missing(ILogger logger, string key, string? caseId, string directory, Recording.EvalMode mode);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Recorded {Key} for case {CaseId} in {Directory} ({LatencyMs} ms)")]
    public static partial void Written(ILogger logger, string key, string? caseId, string directory, double latencyMs);
}
