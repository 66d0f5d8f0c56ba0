using System.Globalization;
using System.Text.Json;
using EvalHarness.Costs;
using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.Reporting;

/// <summary>
/// Reads a <c>results.json</c> back into a <see cref="RunResult"/>, so any report can be rendered again from it
/// (<c>evalharness report</c>). Aggregates are recomputed from the cases; summaries written beside them are ignored.
/// </summary>
/// <remarks>
/// Fields this version does not know are ignored (newer writers add fields freely); a missing contract field, a wrong type or a
/// <c>formatVersion</c> newer than <see cref="RunResult.CurrentFormatVersion"/> is an <see cref="EvalConfigurationException"/> whose errors name
/// the file, line and field.
/// </remarks>
public static class ResultsJsonReader
{
    /// <summary>Reads a results file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="displayPath">The path shown in errors (<paramref name="path"/> when null).</param>
    /// <exception cref="EvalConfigurationException">The file is missing, is not JSON, or lacks a contract field.</exception>
    public static RunResult Read(string path, string? displayPath = null)
    {
        displayPath ??= path;
        byte[] utf8;
        try
        {
            utf8 = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvalConfigurationException([new ConfigError(ConfigErrorCode.InvalidValue, new SourceLocation(displayPath, 0, 0), string.Empty,
                "cannot read the results file: " + ex.Message)]);
        }

        return Parse(utf8, displayPath);
    }

    /// <summary>Parses the UTF-8 text of a results file.</summary>
    /// <exception cref="EvalConfigurationException">The text is not JSON or lacks a contract field.</exception>
    public static RunResult Parse(byte[] utf8, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException ex)
        {
            throw new EvalConfigurationException([JsonPositions.SyntaxError(ex, displayPath, "the results file")]);
        }

        using (document)
        {
            try
            {
                return new Reader().Run(document.RootElement);
            }
            catch (ResultsFormatException ex)
            {
                throw new EvalConfigurationException([new ConfigError(ConfigErrorCode.InvalidValue,
                    JsonPositions.Find(utf8, displayPath, ex.Path), JsonPositions.Display(ex.Path), ex.Message)]);
            }
        }
    }

    /// <summary>Parses a verdict's contract spelling (<c>pass</c>, <c>fail</c>, <c>inconclusive</c>, <c>error</c>), or null for anything else.</summary>
    public static Verdict? ParseVerdict(string? text) => text switch
    {
        "pass" => Verdict.Pass,
        "fail" => Verdict.Fail,
        "inconclusive" => Verdict.Inconclusive,
        "error" => Verdict.Error,
        _ => null,
    };

    private sealed class ResultsFormatException(IReadOnlyList<object> path, string message) : Exception(message)
    {
        public IReadOnlyList<object> Path { get; } = path;
    }

    // Walks the document keeping the path of the element being read, so an error can point at it.
    private sealed class Reader
    {
        private readonly List<object> _path = [];

        public RunResult Run(JsonElement root)
        {
            Expect(root, JsonValueKind.Object, "a results file is a JSON object");
            var version = Int(root, "formatVersion", required: true)!.Value;
            if (version > RunResult.CurrentFormatVersion || version < 1)
            {
                Fail("formatVersion", "formatVersion " + version.ToString(CultureInfo.InvariantCulture) + " is not readable by this version (it reads 1 to " +
                    RunResult.CurrentFormatVersion.ToString(CultureInfo.InvariantCulture) + "); update EvalHarness");
            }

            var provenance = Object(root, "provenance");
            var suites = new List<SuiteResult>();
            ForEach(root, "suites", required: true, suite => suites.Add(Suite(suite)));
            EvalMode mode;
            try
            {
                mode = EvalModes.Parse(Text(root, "mode"));
            }
            catch (ArgumentException)
            {
                Fail("mode", "not a mode; expected replay, record, live or auto");
                throw;
            }

            var shard = Text(root, "shard");
            Shard? parsedShard = null;
            if (shard is not null)
            {
                try
                {
                    parsedShard = Shard.Parse(shard);
                }
                catch (ArgumentException ex)
                {
                    Fail("shard", ex.Message);
                }
            }

            return new RunResult
            {
                RunId = Text(root, "runId", required: true)!,
                StartedAt = Time(root, "startedAt"),
                FinishedAt = Time(root, "finishedAt"),
                HarnessVersion = provenance is { } p ? Scoped("provenance", () => Text(p, "harnessVersion")) ?? "unknown" : "unknown",
                GitCommit = provenance is { } q ? Scoped("provenance", () => Text(q, "gitCommit")) : null,
                Mode = mode,
                Shard = parsedShard,
                Suites = suites,
            };
        }

        private SuiteResult Suite(JsonElement e)
        {
            var cases = new List<CaseResult>();
            ForEach(e, "cases", required: false, c => cases.Add(Case(c)));
            var errors = new List<ConfigError>();
            ForEach(e, "errors", required: false, err => errors.Add(new ConfigError(
                Text(err, "code", required: true)!,
                new SourceLocation(Text(err, "file") ?? string.Empty, Int(err, "line") ?? 0, Int(err, "column") ?? 0),
                Text(err, "field") ?? string.Empty,
                Text(err, "message", required: true)!)));
            var pricing = new List<string>();
            ForEach(e, "pricing", required: false, p => pricing.Add(p.ValueKind == JsonValueKind.String ? p.GetString()! : string.Empty));

            GateResult gate = new(Verdict.Error, []);
            if (Object(e, "gate") is { } g)
            {
                gate = Scoped("gate", () =>
                {
                    var checks = new List<GateCheck>();
                    ForEach(g, "checks", required: false, c => checks.Add(new GateCheck(Text(c, "name", required: true)!,
                        VerdictOf(c, "verdict"), Text(c, "reason") ?? string.Empty)));
                    return new GateResult(VerdictOf(g, "verdict"), checks);
                });
            }

            TargetKind? target = Text(e, "target") is { } t
                ? Enum.TryParse<TargetKind>(t, ignoreCase: true, out var kind) ? kind : Fail<TargetKind>("target", "not a target kind: " + t)
                : null;
            return new SuiteResult
            {
                Name = Text(e, "name", required: true)!,
                File = Text(e, "file") ?? string.Empty,
                Dataset = Text(e, "dataset"),
                DatasetHash = Text(e, "datasetHash"),
                SuiteHash = Text(e, "suiteHash"),
                Target = target,
                Model = Text(e, "model"),
                Complete = Bool(e, "complete") ?? true,
                Gate = gate,
                ConfigurationErrors = errors,
                Cases = cases,
                Aggregates = SuiteAggregates.From(cases),
                PricingSources = pricing,
            };
        }

        private CaseResult Case(JsonElement e)
        {
            var metrics = new List<MetricResult>();
            ForEach(e, "metrics", required: false, m => metrics.Add(Metric(m)));
            var tags = new List<string>();
            ForEach(e, "tags", required: false, t => tags.Add(t.ValueKind == JsonValueKind.String ? t.GetString()! : Fail<string>(null, "a tag must be a string")));
            var context = new List<string>();
            ForEach(e, "context", required: false, t => context.Add(t.ValueKind == JsonValueKind.String ? t.GetString()! : Fail<string>(null, "a context passage must be a string")));
            var errorKind = Text(e, "errorKind") is { } k
                ? Enum.TryParse<CaseErrorKind>(k, ignoreCase: true, out var kind) ? kind : Fail<CaseErrorKind>("errorKind", "not an error kind: " + k)
                : CaseErrorKind.None;
            UsageDetails? usage = null;
            if (Object(e, "usage") is { } u)
            {
                usage = Scoped("usage", () => new UsageDetails
                {
                    InputTokenCount = Long(u, "inputTokens"),
                    OutputTokenCount = Long(u, "outputTokens"),
                    TotalTokenCount = Long(u, "totalTokens"),
                    CachedInputTokenCount = Long(u, "cachedInputTokens"),
                });
            }

            CallCost? cost = null;
            if (Object(e, "cost") is { } c)
            {
                cost = Scoped("cost", () =>
                {
                    var usd = Decimal(c, "usd");
                    return new CallCost
                    {
                        Usd = usd,
                        Model = Text(c, "model"),
                        PricedAs = Text(c, "pricedAs"),
                        InputUsd = Decimal(c, "inputUsd") ?? 0,
                        CachedInputUsd = Decimal(c, "cachedInputUsd") ?? 0,
                        OutputUsd = Decimal(c, "outputUsd") ?? 0,
                        UnknownReason = Text(c, "unknownReason") ?? (usd is null ? "unknown" : null),
                    };
                });
            }

            return new CaseResult
            {
                Id = Text(e, "id", required: true)!,
                Line = Int(e, "line") ?? 0,
                Input = Text(e, "input"),
                Expected = Text(e, "expected"),
                Output = Text(e, "output"),
                Verdict = VerdictOf(e, "verdict"),
                ErrorKind = errorKind,
                Error = Text(e, "error"),
                Tags = tags,
                Context = context,
                Duration = TimeSpan.FromMilliseconds(Double(e, "durationMs") ?? 0),
                Metrics = metrics,
                Measurements = new CallMeasurements
                {
                    LatencyMs = Double(e, "latencyMs"),
                    TimeToFirstTokenMs = Double(e, "timeToFirstTokenMs"),
                    Replayed = Bool(e, "replayed") ?? false,
                    ModelId = Text(e, "modelId"),
                    Usage = usage,
                    Cost = cost,
                    Retries = Int(e, "retries") ?? 0,
                    BackoffMs = Double(e, "backoffMs") ?? 0,
                },
            };
        }

        private MetricResult Metric(JsonElement e)
        {
            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Object(e, "details") is { } d)
            {
                foreach (var p in d.EnumerateObject())
                {
                    details[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                }
            }

            return new MetricResult
            {
                Name = Text(e, "name", required: true)!,
                Score = Double(e, "score"),
                RawValue = Double(e, "rawValue"),
                Scale = Text(e, "scale"),
                Verdict = VerdictOf(e, "verdict"),
                Reason = Text(e, "reason") ?? string.Empty,
                Details = details,
                Duration = TimeSpan.FromMilliseconds(Double(e, "durationMs") ?? 0),
            };
        }

        private void ForEach(JsonElement parent, string name, bool required, Action<JsonElement> read)
        {
            if (!parent.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Fail(name, "is required");
                }

                return;
            }

            _path.Add(name);
            Expect(array, JsonValueKind.Array, "must be a list");
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                _path.Add(index++);
                read(item);
                _path.RemoveAt(_path.Count - 1);
            }

            _path.RemoveAt(_path.Count - 1);
        }

        private T Scoped<T>(string name, Func<T> read)
        {
            _path.Add(name);
            var value = read();
            _path.RemoveAt(_path.Count - 1);
            return value;
        }

        private JsonElement? Object(JsonElement parent, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.Object ? value : Fail<JsonElement>(name, "must be an object");
        }

        private string? Text(JsonElement parent, string name, bool required = false) => Value(parent, name, required, JsonValueKind.String, "a string", v => v.GetString());

        private int? Int(JsonElement parent, string name, bool required = false) =>
            Value<int?>(parent, name, required, JsonValueKind.Number, "a whole number", v => v.TryGetInt32(out var i) ? i : Fail<int>(name, "must be a whole number"));

        private long? Long(JsonElement parent, string name) =>
            Value<long?>(parent, name, false, JsonValueKind.Number, "a whole number", v => v.TryGetInt64(out var i) ? i : Fail<long>(name, "must be a whole number"));

        private double? Double(JsonElement parent, string name) => Value<double?>(parent, name, false, JsonValueKind.Number, "a number", v => v.GetDouble());

        private decimal? Decimal(JsonElement parent, string name) =>
            Value<decimal?>(parent, name, false, JsonValueKind.Number, "a number", v => v.TryGetDecimal(out var d) ? d : Fail<decimal>(name, "must be a number"));

        private bool? Bool(JsonElement parent, string name)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => Fail<bool>(name, "must be true or false"),
            };
        }

        private DateTimeOffset Time(JsonElement parent, string name) =>
            Text(parent, name) is { } text
                ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : Fail<DateTimeOffset>(name, "must be an ISO 8601 time")
                : default;

        private Verdict VerdictOf(JsonElement parent, string name)
        {
            var text = Text(parent, name, required: true);
            return ParseVerdict(text) ?? Fail<Verdict>(name, "'" + text + "' is not a verdict; expected pass, fail, inconclusive or error");
        }

        private T? Value<T>(JsonElement parent, string name, bool required, JsonValueKind kind, string what, Func<JsonElement, T> read)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return required ? Fail<T>(name, "is required") : default;
            }

            return value.ValueKind == kind ? read(value) : Fail<T>(name, "must be " + what);
        }

        private void Expect(JsonElement element, JsonValueKind kind, string message)
        {
            if (element.ValueKind != kind)
            {
                Fail(null, message);
            }
        }

        private void Fail(string? name, string message) => Fail<object>(name, message);

        private T Fail<T>(string? name, string message)
        {
            List<object> path = [.. _path];
            if (name is not null)
            {
                path.Add(name);
            }

            throw new ResultsFormatException(path, message);
        }
    }
}
