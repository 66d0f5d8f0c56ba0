using System.Globalization;
using System.Text.Json;
using EvalHarness.Reporting;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Importing;

/// <summary>
/// Reads a window for <c>evalharness drift</c>: a <c>results.json</c> (one observation per case that counts towards the gate), or a
/// JSONL export streamed line by line (one trace or call per line) in the field names of EvalHarness, Langfuse, Opik or OpenTelemetry GenAI.
/// </summary>
/// <remarks>
/// JSONL fields, first match wins. Latency: <c>latency_ms</c>, <c>latencyMs</c>, <c>duration_ms</c> (milliseconds), <c>latency</c>
/// (seconds, as Langfuse exports it). Cost: <c>cost_usd</c>, <c>costUsd</c>, <c>totalCost</c>, <c>calculatedTotalCost</c>,
/// <c>total_estimated_cost</c>. Tokens: <c>input_tokens</c>, <c>gen_ai.usage.input_tokens</c>, <c>usage.input_tokens</c>,
/// <c>usage.prompt_tokens</c>, <c>usage.input</c>, <c>promptTokens</c> (and the output/completion counterparts). Error: <c>error</c>
/// (anything but null, false or ""), <c>level</c> = ERROR, <c>status</c> = error. Scores: <c>scores</c> or <c>feedback_scores</c>, either an
/// object of name → number or an array of <c>{ "name", "value" }</c>.
/// </remarks>
public static class DriftWindowReader
{
    private static readonly string[] LatencyMsFields = ["latency_ms", "latencyMs", "duration_ms"];
    private static readonly string[] CostFields = ["cost_usd", "costUsd", "totalCost", "calculatedTotalCost", "total_estimated_cost"];
    private static readonly string[] InputFields = ["input_tokens", "gen_ai.usage.input_tokens", "usage.input_tokens", "usage.prompt_tokens", "usage.input", "promptTokens"];
    private static readonly string[] OutputFields = ["output_tokens", "gen_ai.usage.output_tokens", "usage.output_tokens", "usage.completion_tokens", "usage.output", "completionTokens"];

    /// <summary>Reads a window from a file.</summary>
    /// <param name="path">A <c>results.json</c> (or run folder holding one) or a <c>.jsonl</c> export.</param>
    /// <param name="seed">Seed of the reservoir sampling.</param>
    /// <exception cref="EvalConfigurationException">The file is missing or a line is not a JSON object (file, line and field named).</exception>
    public static DriftWindow Read(string path, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path) ? Path.Combine(path, "results.json") : path;
        if (!File.Exists(file))
        {
            throw new EvalConfigurationException([new ConfigError(ConfigErrorCode.InvalidValue, new SourceLocation(path, 0, 0), string.Empty,
                "no such file (expected a results.json, a run folder or a .jsonl export)")]);
        }

        var window = new DriftWindow(seed);
        if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var suite in ResultsJsonReader.Read(file, path).Suites)
            {
                foreach (var result in suite.Cases.Where(c => c.CountsTowardsGate))
                {
                    window.Add(FromCase(result));
                }
            }

            return window;
        }

        using var reader = new StreamReader(file);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            window.Add(ParseLine(line, path, number));
        }

        return window;
    }

    /// <summary>The observation of one evaluated case.</summary>
    public static TraceObservation FromCase(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var measured = result.Measurements;
        return new TraceObservation
        {
            LatencyMs = measured.LatencyMs,
            CostUsd = measured.Cost?.Usd is { } usd ? (double)usd : null,
            InputTokens = measured.Usage?.InputTokenCount,
            OutputTokens = measured.Usage?.OutputTokenCount,
            IsError = result.Verdict == Verdict.Error,
            Scores = result.Metrics.Where(m => m.Score is not null).GroupBy(m => m.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Score!.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>Parses one JSONL line.</summary>
    /// <exception cref="EvalConfigurationException">The line is not a JSON object, or a known field has the wrong type.</exception>
    public static TraceObservation ParseLine(string line, string file, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw Error(file, lineNumber, string.Empty, "not valid JSON: " + ex.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(file, lineNumber, string.Empty, "expected a JSON object per line, found " + root.ValueKind.ToString().ToLowerInvariant());
            }

            var latency = Number(root, LatencyMsFields, file, lineNumber) ?? Number(root, ["latency"], file, lineNumber) * 1000;
            return new TraceObservation
            {
                LatencyMs = latency,
                CostUsd = Number(root, CostFields, file, lineNumber),
                InputTokens = Number(root, InputFields, file, lineNumber),
                OutputTokens = Number(root, OutputFields, file, lineNumber),
                IsError = IsError(root),
                Scores = Scores(root, file, lineNumber),
            };
        }
    }

    private static double? Number(JsonElement root, string[] fields, string file, int line)
    {
        foreach (var field in fields)
        {
            if (Find(root, field) is not { } value || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.Number)
            {
                return value.GetDouble();
            }

            if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }

            throw Error(file, line, field, "expected a number, found " + value.ValueKind.ToString().ToLowerInvariant());
        }

        return null;
    }

    // A dotted name is first looked up whole (OpenTelemetry attribute keys contain dots), then as a path of nested objects.
    private static JsonElement? Find(JsonElement root, string field)
    {
        if (root.TryGetProperty(field, out var whole))
        {
            return whole;
        }

        if (root.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object && attributes.TryGetProperty(field, out var attribute))
        {
            return attribute;
        }

        var current = root;
        foreach (var part in field.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static bool IsError(JsonElement root)
    {
        if (root.TryGetProperty("error", out var error) &&
            error.ValueKind is not (JsonValueKind.Null or JsonValueKind.False) && !(error.ValueKind == JsonValueKind.String && error.GetString()!.Length == 0))
        {
            return true;
        }

        return (root.TryGetProperty("level", out var level) && level.ValueKind == JsonValueKind.String && string.Equals(level.GetString(), "ERROR", StringComparison.OrdinalIgnoreCase))
            || (root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String && string.Equals(status.GetString(), "error", StringComparison.OrdinalIgnoreCase));
    }

    private static Dictionary<string, double> Scores(JsonElement root, string file, int line)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var field in (string[])["scores", "feedback_scores"])
        {
            if (!root.TryGetProperty(field, out var value))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number))
                {
                    scores[property.Name] = property.Value.GetDouble();
                }
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String ||
                        !item.TryGetProperty("value", out var score) || score.ValueKind != JsonValueKind.Number)
                    {
                        throw Error(file, line, field + "[" + i + "]", "expected { \"name\": string, \"value\": number }");
                    }

                    scores[name.GetString()!] = score.GetDouble();
                    i++;
                }
            }
            else if (value.ValueKind != JsonValueKind.Null)
            {
                throw Error(file, line, field, "expected an object of name → number or an array of { name, value }");
            }
        }

        return scores;
    }

    private static EvalConfigurationException Error(string file, int line, string field, string message) =>
        new([new ConfigError(ConfigErrorCode.MalformedDatasetLine, new SourceLocation(file, line, 1), field, message)]);
}
