using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Datasets;
using EvalHarness.Metrics.Text;
using EvalHarness.Suites;

namespace EvalHarness.Importing;

/// <summary>
/// Turns exported traces (OTLP JSON with the GenAI conventions, Langfuse, Opik, or plain JSONL with mappings) into dataset rows for
/// <c>evalharness import</c>: filtered, de-duplicated by (input, output), sampled with a seed, and optionally scrubbed of personal data.
/// </summary>
/// <remarks>
/// Langfuse: <c>id</c>, <c>input</c>, <c>output</c>, <c>tags</c>, <c>timestamp</c>, <c>metadata.model</c> or <c>model</c>; Opik: <c>id</c>,
/// <c>input</c>, <c>output</c>, <c>tags</c>, <c>start_time</c>, <c>error_info</c>. Latency, cost, tokens, error and scores are read by
/// <see cref="DriftWindowReader.ParseLine"/>. OTLP: one row per span with a <c>gen_ai.*</c> attribute; the prompt and completion come from
/// <c>gen_ai.prompt</c>/<c>gen_ai.completion</c> attributes or the <c>gen_ai.content.prompt</c>/<c>gen_ai.user.message</c> and
/// <c>gen_ai.content.completion</c>/<c>gen_ai.choice</c> events. User feedback is the lowest score whose name contains "feedback" or "thumb".
/// </remarks>
public static class TraceImporter
{
    private static readonly string[] PromptEvents = ["gen_ai.content.prompt", "gen_ai.user.message"];
    private static readonly string[] CompletionEvents = ["gen_ai.content.completion", "gen_ai.choice", "gen_ai.assistant.message"];

    /// <summary>Reads the exports and returns the dataset rows.</summary>
    /// <exception cref="EvalConfigurationException">A file is missing, not valid JSON, or a record lacks a field (file, line and field named).</exception>
    public static TraceImportResult Import(IReadOnlyList<string> files, TraceImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var traces = new List<ImportedTrace>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw Error(file, 0, string.Empty, "no such file");
            }

            foreach (var (record, line) in Records(file))
            {
                var format = options.Format != TraceFormat.Auto ? options.Format : options.Map.Count > 0 ? TraceFormat.Jsonl : Detect(record);
                if (format == TraceFormat.Otlp)
                {
                    traces.AddRange(Otlp(record, file, line));
                }
                else
                {
                    traces.Add(Record(record, format, file, line, options));
                }
            }
        }

        var kept = traces.Where(t => Keep(t, options)).ToList();
        var filtered = traces.Count - kept.Count;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = kept.Where(t => seen.Add(Hash(t))).ToList();
        var sampled = Sample(unique, options);
        var rows = sampled.Select(t => Row(t, options.ScrubPii)).ToList();
        return new TraceImportResult(rows, traces.Count, filtered, kept.Count - unique.Count, unique.Count - sampled.Count);
    }

    /// <summary>Replaces every piece of personal data the <c>pii</c> metric detects with <c>[REDACTED:&lt;kind&gt;]</c>.</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = PiiDetector.Find(text, PiiDetector.Kinds);
        if (findings.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text);
        foreach (var finding in findings.OrderByDescending(f => f.Index))
        {
            result.Remove(finding.Index, finding.Length).Insert(finding.Index, "[REDACTED:" + finding.Kind + "]");
        }

        return result.ToString();
    }

    // A file is a JSON array of records, one JSON document (OTLP), or JSONL; each record keeps the line it starts on.
    private static IEnumerable<(JsonObject Record, int Line)> Records(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        var first = text.TrimStart();
        if (first.StartsWith('['))
        {
            return ArrayRecords(file, Encoding.UTF8.GetBytes(text));
        }

        var records = new List<(JsonObject, int)>();
        var lines = text.Split('\n');
        if (first.StartsWith('{') && lines.Length > 1 && TryParse(text) is JsonObject whole)
        {
            // A pretty-printed single document (an OTLP export or one trace).
            records.Add((whole, 1 + text.AsSpan(0, text.Length - first.Length).Count('\n')));
            return records;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            records.Add((Object(lines[i], file, i + 1), i + 1));
        }

        return records;
    }

    private static List<(JsonObject, int)> ArrayRecords(string file, byte[] bytes)
    {
        var records = new List<(JsonObject, int)>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                var line = 1 + bytes.AsSpan(0, start).Count((byte)'\n');
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Error(file, line, string.Empty, "expected a JSON object per array item, found " + reader.TokenType.ToString().ToLowerInvariant());
                }

                reader.Skip();
                records.Add(((JsonObject)JsonNode.Parse(bytes.AsSpan(start, (int)reader.BytesConsumed - start))!, line));
            }
        }
        catch (JsonException ex)
        {
            throw Error(file, (int)(ex.LineNumber ?? 0) + 1, string.Empty, "not valid JSON: " + ex.Message);
        }

        return records;
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject Object(string line, string file, int number)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException ex)
        {
            throw Error(file, number, string.Empty, "not valid JSON: " + ex.Message);
        }

        return node as JsonObject ?? throw Error(file, number, string.Empty, "expected a JSON object per line");
    }

    private static TraceFormat Detect(JsonObject record) =>
        record.ContainsKey("resourceSpans") ? TraceFormat.Otlp
        : record.ContainsKey("feedback_scores") || record.ContainsKey("start_time") || record.ContainsKey("error_info") ? TraceFormat.Opik
        : record.ContainsKey("timestamp") || record.ContainsKey("scores") || record.ContainsKey("latency") ? TraceFormat.Langfuse
        : TraceFormat.Jsonl;

    private static ImportedTrace Record(JsonObject record, TraceFormat format, string file, int line, TraceImportOptions options)
    {
        var observation = DriftWindowReader.ParseLine(record.ToJsonString(), file, line);
        if (format == TraceFormat.Opik && record["error_info"] is JsonObject)
        {
            observation = observation with { IsError = true };
        }

        var input = Field(record, options, "input", "input", file, line, required: true);
        var output = Field(record, options, "output", "output", file, line, required: true);
        var expected = Field(record, options, "expected", format == TraceFormat.Jsonl ? "expected" : "expected_output", file, line, required: false);
        var idNode = Field(record, options, "id", "id", file, line, required: false);
        var id = JsonFieldPath.AsText(idNode) ?? Path.GetFileNameWithoutExtension(file) + "-" + line.ToString(CultureInfo.InvariantCulture);
        var model = JsonFieldPath.AsText(Field(record, options, "model", "model", file, line, required: false))
            ?? JsonFieldPath.AsText(Select(record, "metadata.model"));
        var timestampField = format == TraceFormat.Opik ? "start_time" : "timestamp";
        var timestampText = JsonFieldPath.AsText(Field(record, options, "timestamp", timestampField, file, line, required: false));
        DateTimeOffset? timestamp = null;
        if (timestampText is not null)
        {
            timestamp = DateTimeOffset.TryParse(timestampText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed : throw Error(file, line, options.Map.GetValueOrDefault("timestamp") ?? timestampField, "expected an ISO 8601 time, found '" + timestampText + "'");
        }

        var tags = new List<string>();
        if (Field(record, options, "tags", "tags", file, line, required: false) is { } tagNode)
        {
            if (tagNode is not JsonArray array || array.Any(t => t is not JsonValue v || !v.TryGetValue<string>(out _)))
            {
                throw Error(file, line, options.Map.GetValueOrDefault("tags") ?? "tags", "expected an array of strings");
            }

            tags.AddRange(array.Select(t => t!.GetValue<string>()));
        }

        return new ImportedTrace(id, input?.DeepClone(), output?.DeepClone(), expected?.DeepClone(), tags, model, timestamp, observation, Feedback(observation));
    }

    private static JsonNode? Field(JsonObject record, TraceImportOptions options, string name, string fallback, string file, int line, bool required)
    {
        var path = options.Map.GetValueOrDefault(name) ?? fallback;
        // A present null (a failed call's output) is kept as null; only an absent field is an error.
        if (JsonFieldPath.TrySelect(record, path, out var matches) && matches.Count > 0)
        {
            return JsonFieldPath.IsMulti(path) ? new JsonArray(matches.Select(m => m?.DeepClone()).ToArray()) : matches[0];
        }

        return required ? throw Error(file, line, path, "missing (set it with --map " + name + "=<path>)") : null;
    }

    private static JsonNode? Select(JsonObject record, string path) =>
        JsonFieldPath.TrySelect(record, path, out var matches) && matches.Count > 0 ? matches[0] : null;

    private static List<ImportedTrace> Otlp(JsonObject document, string file, int line)
    {
        var traces = new List<ImportedTrace>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var resources = Array(document, "resourceSpans", "resourceSpans", file, line);
        for (var r = 0; r < resources.Count; r++)
        {
            var scopes = Array(resources[r], "scopeSpans", "resourceSpans[" + r + "].scopeSpans", file, line);
            for (var s = 0; s < scopes.Count; s++)
            {
                var where = "resourceSpans[" + r + "].scopeSpans[" + s + "].spans";
                var spans = Array(scopes[s], "spans", where, file, line);
                for (var i = 0; i < spans.Count; i++)
                {
                    if (spans[i] is not JsonObject span)
                    {
                        throw Error(file, line, where + "[" + i + "]", "expected a span object");
                    }

                    var attributes = Attributes(span["attributes"]);
                    if (!attributes.Keys.Any(k => k.StartsWith("gen_ai.", StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    var field = where + "[" + i + "]";
                    var prompt = attributes.GetValueOrDefault("gen_ai.prompt") ?? Event(span, PromptEvents);
                    var completion = attributes.GetValueOrDefault("gen_ai.completion") ?? Event(span, CompletionEvents);
                    if (prompt is null)
                    {
                        throw Error(file, line, field, "no prompt: expected a gen_ai.prompt attribute or a gen_ai.content.prompt / gen_ai.user.message event");
                    }

                    if (completion is null)
                    {
                        throw Error(file, line, field, "no completion: expected a gen_ai.completion attribute or a gen_ai.content.completion / gen_ai.choice event");
                    }

                    var traceId = span["traceId"]?.GetValue<string>() ?? throw Error(file, line, field + ".traceId", "missing");
                    var id = ids.Add(traceId) ? traceId : traceId + ":" + (span["spanId"]?.GetValue<string>() ?? i.ToString(CultureInfo.InvariantCulture));
                    var start = Nanos(span["startTimeUnixNano"]);
                    var end = Nanos(span["endTimeUnixNano"]);
                    var scores = attributes.Where(a => a.Key.StartsWith("gen_ai.evaluation.score.", StringComparison.Ordinal) && double.TryParse(a.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                        .ToDictionary(a => a.Key["gen_ai.evaluation.score.".Length..], a => double.Parse(a.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
                    var observation = new TraceObservation
                    {
                        LatencyMs = start is not null && end is not null ? (end.Value - start.Value) / 1e6 : null,
                        InputTokens = Number(attributes, "gen_ai.usage.input_tokens") ?? Number(attributes, "gen_ai.usage.prompt_tokens"),
                        OutputTokens = Number(attributes, "gen_ai.usage.output_tokens") ?? Number(attributes, "gen_ai.usage.completion_tokens"),
                        CostUsd = Number(attributes, "gen_ai.usage.cost"),
                        IsError = span["status"]?["code"] is JsonValue code && (code.ToJsonString() is "2" or "\"STATUS_CODE_ERROR\""),
                        Scores = scores,
                    };
                    var tags = attributes.TryGetValue("tags", out var tagText) ? tagText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
                    traces.Add(new ImportedTrace(id, prompt, completion, null, tags,
                        attributes.GetValueOrDefault("gen_ai.response.model") ?? attributes.GetValueOrDefault("gen_ai.request.model"),
                        start is null ? null : DateTimeOffset.UnixEpoch.AddTicks(start.Value / 100), observation, Feedback(observation)));
                }
            }
        }

        return traces;
    }

    private static JsonArray Array(JsonNode? parent, string name, string field, string file, int line) =>
        parent?[name] as JsonArray ?? throw Error(file, line, field, "expected an array");

    // OTLP attribute values are { stringValue | intValue | doubleValue | boolValue }; intValue is a string in OTLP JSON.
    private static Dictionary<string, string> Attributes(JsonNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in node as JsonArray ?? [])
        {
            if (item?["key"]?.GetValue<string>() is { } key && item["value"] is JsonObject value && value.FirstOrDefault() is { Value: { } v })
            {
                result[key] = JsonFieldPath.AsText(v) ?? string.Empty;
            }
        }

        return result;
    }

    private static string? Event(JsonObject span, string[] names)
    {
        foreach (var item in span["events"] as JsonArray ?? [])
        {
            if (item?["name"]?.GetValue<string>() is { } name && names.Contains(name))
            {
                var attributes = Attributes(item["attributes"]);
                return attributes.GetValueOrDefault("gen_ai.prompt") ?? attributes.GetValueOrDefault("gen_ai.completion") ?? attributes.GetValueOrDefault("content")
                    ?? attributes.GetValueOrDefault("message");
            }
        }

        return null;
    }

    // Nanoseconds since 1970 exceed a double's exact range, so they are read as integers.
    private static long? Nanos(JsonNode? node) =>
        JsonFieldPath.AsText(node) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double? Number(Dictionary<string, string> attributes, string key) =>
        attributes.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double? Feedback(TraceObservation observation)
    {
        var feedback = observation.Scores.Where(s => s.Key.Contains("feedback", StringComparison.OrdinalIgnoreCase) || s.Key.Contains("thumb", StringComparison.OrdinalIgnoreCase))
            .Select(s => (double?)s.Value).ToList();
        return feedback.Count == 0 ? null : feedback.Min();
    }

    private static bool Keep(ImportedTrace trace, TraceImportOptions options) =>
        (options.Since is null || (trace.Timestamp is { } t1 && t1 >= options.Since))
        && (options.Until is null || (trace.Timestamp is { } t2 && t2 < options.Until))
        && options.Tags.All(trace.Tags.Contains)
        && (options.Model is null || string.Equals(trace.Model, options.Model, StringComparison.Ordinal))
        && (options.ScoreBelow is not { } below || trace.Observation.Scores.Values.Any(v => v < below))
        && (!options.ThumbsDown || trace.Feedback <= 0)
        && (!options.ErrorsOnly || trace.Observation.IsError);

    private static string Hash(ImportedTrace trace) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Text(trace.Input) + "\0" + Text(trace.Output))));

    private static string Text(JsonNode? node) => JsonFieldPath.AsText(node) ?? string.Empty;

    // Partial Fisher–Yates over the indices with the seed, then export order, so a sample is reproducible and reads like the export.
    private static List<ImportedTrace> Sample(List<ImportedTrace> traces, TraceImportOptions options)
    {
        if (options.Sample is not { } n || n >= traces.Count)
        {
            return traces;
        }

        var random = new Random(options.Seed);
        var indices = Enumerable.Range(0, traces.Count).ToArray();
        for (var i = 0; i < n; i++)
        {
            var j = random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return indices.Take(n).Order().Select(i => traces[i]).ToList();
    }

    private static JsonObject Row(ImportedTrace trace, bool scrub)
    {
        var metadata = new JsonObject();
        Put(metadata, "model", trace.Model);
        Put(metadata, "latency_ms", trace.Observation.LatencyMs);
        if (trace.Observation.InputTokens is not null || trace.Observation.OutputTokens is not null)
        {
            var tokens = new JsonObject();
            Put(tokens, "input", trace.Observation.InputTokens);
            Put(tokens, "output", trace.Observation.OutputTokens);
            metadata["tokens"] = tokens;
        }

        Put(metadata, "cost", trace.Observation.CostUsd);
        if (trace.Observation.Scores.Count > 0)
        {
            metadata["score"] = new JsonObject(trace.Observation.Scores.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)JsonValue.Create(s.Value))));
        }

        Put(metadata, "feedback", trace.Feedback is { } f ? (f <= 0 ? "thumbs_down" : "thumbs_up") : null);
        if (trace.Observation.IsError)
        {
            metadata["error"] = true;
        }

        Put(metadata, "timestamp", trace.Timestamp?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        var row = new JsonObject
        {
            ["id"] = trace.Id,
            ["input"] = Clean(trace.Input, scrub) ?? string.Empty,
            ["output"] = Clean(trace.Output, scrub) ?? string.Empty,
        };
        if (trace.Expected is not null)
        {
            row["expected"] = Clean(trace.Expected, scrub);
        }

        row["tags"] = new JsonArray(trace.Tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        row["metadata"] = metadata;
        return row;
    }

    private static void Put(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static void Put(JsonObject target, string name, double? value)
    {
        if (value is not null)
        {
            target[name] = value.Value;
        }
    }

    private static JsonNode? Clean(JsonNode? node, bool scrub)
    {
        var copy = node?.DeepClone();
        if (!scrub)
        {
            return copy;
        }

        return copy switch
        {
            JsonValue value when value.TryGetValue<string>(out var s) => JsonValue.Create(Scrub(s)),
            JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Clean(p.Value, scrub)))),
            JsonArray array => new JsonArray(array.Select(i => Clean(i, scrub)).ToArray()),
            _ => copy,
        };
    }

    private static EvalConfigurationException Error(string file, int line, string field, string message) =>
        new([new ConfigError(ConfigErrorCode.MalformedDatasetLine, new SourceLocation(file, line, line == 0 ? 0 : 1), field, message)]);
}
