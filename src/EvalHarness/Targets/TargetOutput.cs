using Microsoft.Extensions.AI;

namespace EvalHarness.Targets;

/// <summary>What the system under test produced for one case, and what its call measured.</summary>
/// <param name="Text">The output text that metrics score.</param>
/// <param name="Response">The full response, or null when the output came from the dataset.</param>
/// <param name="Measurements">Latency, time to first token and usage of the call.</param>
public sealed record TargetOutput(string Text, ChatResponse? Response, CallMeasurements Measurements);
