using Microsoft.Extensions.AI;

namespace EvalHarness;

/// <summary>Everything a metric may look at for one case.</summary>
public sealed class MetricContext
{
    /// <summary>Creates a context.</summary>
    public MetricContext(EvalCase @case, string output, ChatResponse? response, CallMeasurements measurements)
    {
        Case = @case;
        Output = output;
        Response = response;
        Measurements = measurements;
    }

    /// <summary>The case.</summary>
    public EvalCase Case { get; }

    /// <summary>The output text (the response's text, or the dataset's output field).</summary>
    public string Output { get; }

    /// <summary>The full response (tool calls, usage), or null when outputs came from the dataset.</summary>
    public ChatResponse? Response { get; }

    /// <summary>Latency and usage of the system under test's call.</summary>
    public CallMeasurements Measurements { get; }
}
