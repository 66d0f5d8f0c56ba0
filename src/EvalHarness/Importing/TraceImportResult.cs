using System.Text.Json.Nodes;

namespace EvalHarness.Importing;

/// <summary>The dataset rows an import produced and how many traces each step dropped.</summary>
/// <param name="Rows">Dataset rows in export order: <c>id</c>, <c>input</c>, <c>output</c>, optional <c>expected</c>, <c>tags</c>, <c>metadata</c>.</param>
/// <param name="Read">Traces (or generation spans) read.</param>
/// <param name="Filtered">Traces dropped by the filters.</param>
/// <param name="Duplicates">Traces dropped as duplicates of an earlier (input, output).</param>
/// <param name="Unsampled">Traces dropped by sampling.</param>
public sealed record TraceImportResult(IReadOnlyList<JsonObject> Rows, int Read, int Filtered, int Duplicates, int Unsampled);
