using EvalHarness.Recording;
using EvalHarness.Resilience;
using Microsoft.Extensions.AI;

namespace EvalHarness.Judging;

/// <summary>Adds up one metric result's judge calls — usage, latency without backoff, retries — apart from the system under test's.</summary>
internal sealed class JudgeUsageMeter
{
    private readonly Lock _gate = new();
    private int _calls;
    private int _replayed;
    private double _latencyMs;
    private UsageDetails? _usage;
    private string? _model;
    private int _retries;
    private double _backoffMs;

    public int Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls;
            }
        }
    }

    /// <summary>Counts a call that answered.</summary>
    /// <param name="response">The response.</param>
    /// <param name="annotations">Where replay and resilience annotations are (the response's, or a stream's first update's).</param>
    /// <param name="wallMs">The call's wall-clock time on the judge's clock.</param>
    /// <param name="requestedModel">The model asked for, when the response names none.</param>
    public void Add(ChatResponse response, AdditionalPropertiesDictionary? annotations, double wallMs, string? requestedModel)
    {
        var replayed = annotations?.TryGetValue(RecordingProperties.Replayed, out var flag) == true && flag is true;
        var report = ResilienceReport.From(annotations);
        var latency = replayed && annotations!.TryGetValue(RecordingProperties.LatencyMs, out var recorded) && recorded is double ms ? ms
            : report.AttemptMs ?? Math.Max(0, wallMs - report.OverheadMs);
        lock (_gate)
        {
            _calls++;
            _replayed += replayed ? 1 : 0;
            _latencyMs += latency;
            _model ??= response.ModelId ?? requestedModel;
            _retries += report.Retries;
            _backoffMs += report.BackoffMs;
            if (response.Usage is { } usage)
            {
                _usage ??= new UsageDetails();
                _usage.Add(usage);
            }
        }
    }

    public void Merge(JudgeUsageMeter other)
    {
        lock (other._gate)
        lock (_gate)
        {
            _calls += other._calls;
            _replayed += other._replayed;
            _latencyMs += other._latencyMs;
            _model ??= other._model;
            _retries += other._retries;
            _backoffMs += other._backoffMs;
            if (other._usage is { } usage)
            {
                _usage ??= new UsageDetails();
                _usage.Add(usage);
            }
        }
    }

    /// <summary>The calls as measurements (latency summed over calls), or null when no call answered. Cost is left to the runner's pricing.</summary>
    public CallMeasurements? ToMeasurements()
    {
        lock (_gate)
        {
            return _calls == 0 ? null : new CallMeasurements
            {
                LatencyMs = _latencyMs,
                Usage = _usage,
                ModelId = _model,
                Replayed = _replayed == _calls,
                Retries = _retries,
                BackoffMs = _backoffMs,
            };
        }
    }
}
