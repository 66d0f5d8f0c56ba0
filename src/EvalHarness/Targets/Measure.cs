using EvalHarness.Recording;
using EvalHarness.Resilience;
using Microsoft.Extensions.AI;

namespace EvalHarness.Targets;

/// <summary>Builds <see cref="CallMeasurements"/> from a response, preferring recorded timing when the response was replayed.</summary>
internal static class Measure
{
    public static CallMeasurements From(ChatResponse response, double latencyMs, double? timeToFirstTokenMs, AdditionalPropertiesDictionary? replayInfo = null)
    {
        var info = replayInfo ?? response.AdditionalProperties;
        var replayed = info?.TryGetValue(RecordingProperties.Replayed, out var flag) == true && flag is true;
        var resilience = ResilienceReport.None;
        if (replayed)
        {
            latencyMs = info!.TryGetValue(RecordingProperties.LatencyMs, out var l) && l is double recordedLatency ? recordedLatency : latencyMs;
            timeToFirstTokenMs = info.TryGetValue(RecordingProperties.TimeToFirstTokenMs, out var t) && t is double recordedTtft ? recordedTtft : null;
        }
        else
        {
            // Retries, backoff and queueing are reported apart; the latency is the answering attempt's own.
            resilience = ResilienceReport.From(info);
            latencyMs = Math.Max(0, latencyMs - resilience.OverheadMs);
            timeToFirstTokenMs = timeToFirstTokenMs is { } ttft ? Math.Max(0, ttft - resilience.OverheadMs) : null;
        }

        return new CallMeasurements
        {
            LatencyMs = latencyMs,
            TimeToFirstTokenMs = timeToFirstTokenMs,
            Usage = response.Usage,
            ModelId = response.ModelId,
            Replayed = replayed,
            Retries = resilience.Retries,
            BackoffMs = resilience.BackoffMs,
        };
    }
}
