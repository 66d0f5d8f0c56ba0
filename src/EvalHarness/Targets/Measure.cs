using EvalHarness.Recording;
using Microsoft.Extensions.AI;

namespace EvalHarness.Targets;

/// <summary>Builds <see cref="CallMeasurements"/> from a response, preferring recorded timing when the response was replayed.</summary>
internal static class Measure
{
    public static CallMeasurements From(ChatResponse response, double latencyMs, double? timeToFirstTokenMs, AdditionalPropertiesDictionary? replayInfo = null)
    {
        var info = replayInfo ?? response.AdditionalProperties;
        var replayed = info?.TryGetValue(RecordingProperties.Replayed, out var flag) == true && flag is true;
        if (replayed)
        {
            latencyMs = info!.TryGetValue(RecordingProperties.LatencyMs, out var l) && l is double recordedLatency ? recordedLatency : latencyMs;
            timeToFirstTokenMs = info.TryGetValue(RecordingProperties.TimeToFirstTokenMs, out var t) && t is double recordedTtft ? recordedTtft : null;
        }

        return new CallMeasurements
        {
            LatencyMs = latencyMs,
            TimeToFirstTokenMs = timeToFirstTokenMs,
            Usage = response.Usage,
            ModelId = response.ModelId,
            Replayed = replayed,
        };
    }
}
