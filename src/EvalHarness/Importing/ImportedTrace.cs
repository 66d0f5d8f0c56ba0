using System.Text.Json.Nodes;

namespace EvalHarness.Importing;

/// <summary>One trace as read from an export, before filtering.</summary>
internal sealed record ImportedTrace(string Id, JsonNode? Input, JsonNode? Output, JsonNode? Expected, IReadOnlyList<string> Tags, string? Model,
    DateTimeOffset? Timestamp, TraceObservation Observation, double? Feedback);
