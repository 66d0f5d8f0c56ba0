using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace EvalHarness.Recording;

/// <summary>One recorded model call: the request that keys it, the response, and the timing measured when it was recorded.</summary>
public sealed class RecordedCall
{
    /// <summary>The current recording format.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Creates a recorded call.</summary>
    public RecordedCall(string key, string? caseId, JsonObject request, ChatResponse response, double latencyMs, double? timeToFirstTokenMs)
    {
        Key = key;
        CaseId = caseId;
        Request = request;
        Response = response;
        LatencyMs = latencyMs;
        TimeToFirstTokenMs = timeToFirstTokenMs;
    }

    /// <summary>The <c>sha256:</c> key over model, messages and options.</summary>
    public string Key { get; }

    /// <summary>The case that made the call, for reviewers; not part of the key.</summary>
    public string? CaseId { get; }

    /// <summary>The canonical request (model, messages, options).</summary>
    public JsonObject Request { get; }

    /// <summary>The response as recorded.</summary>
    public ChatResponse Response { get; }

    /// <summary>Wall-clock latency measured at record time, in milliseconds.</summary>
    public double LatencyMs { get; }

    /// <summary>Time to first token measured at record time, or null when the call did not stream.</summary>
    public double? TimeToFirstTokenMs { get; }
}
