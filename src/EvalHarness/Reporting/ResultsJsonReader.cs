using System.Buffers;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using EvalHarness.Baselines;
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
    /// <summary>Reads a results file, streaming it: one case is held as JSON at a time, and past
    /// <see cref="EvalRunOptions.DefaultSpillAfterCases"/> a suite's cases are kept in a temporary file rather than in memory.</summary>
    /// <param name="path">The file.</param>
    /// <param name="displayPath">The path shown in errors (<paramref name="path"/> when null).</param>
    /// <exception cref="EvalConfigurationException">The file is missing, is not JSON, or lacks a contract field.</exception>
    public static RunResult Read(string path, string? displayPath = null) => Read(path, displayPath, JsonTokenStream.DefaultBufferSize);

    /// <summary>Parses the UTF-8 text of a results file.</summary>
    /// <exception cref="EvalConfigurationException">The text is not JSON or lacks a contract field.</exception>
    public static RunResult Parse(byte[] utf8, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        using var stream = new MemoryStream(utf8, writable: false);
        return Parse(stream, displayPath, JsonTokenStream.DefaultBufferSize);
    }

    /// <summary><see cref="Read(string, string?)"/> with the initial size of the read buffer (small in tests, so values straddle refills).</summary>
    internal static RunResult Read(string path, string? displayPath, int bufferSize)
    {
        displayPath ??= path;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            return Parse(stream, displayPath, bufferSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvalConfigurationException([new ConfigError(ConfigErrorCode.InvalidValue, new SourceLocation(displayPath, 0, 0), string.Empty,
                "cannot read the results file: " + ex.Message)]);
        }
    }

    /// <summary>Parses a results file from a stream, <paramref name="bufferSize"/> bytes at a time at first.</summary>
    internal static RunResult Parse(Stream stream, string displayPath, int bufferSize)
    {
        try
        {
            return new Reader(new JsonTokenStream(stream, bufferSize), displayPath).Run();
        }
        catch (JsonException ex)
        {
            throw new EvalConfigurationException([JsonPositions.SyntaxError(ex, displayPath, "the results file")]);
        }
        catch (LocatedException ex)
        {
            throw new EvalConfigurationException([ex.Error]);
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

    // An error already placed in the file, while the bytes it points into were at hand.
    private sealed class LocatedException(ConfigError error) : Exception(error.Message)
    {
        public ConfigError Error { get; } = error;
    }

    // Where JsonPositions.Find on the whole file points for path[depth..] inside a value read whole that starts at valueAt; the value
    // itself is reported at rootAt (its property name, or its own start for a list item), as Find does.
    private static SourceLocation Within(byte[] raw, (int Line, int Column) valueAt, string file, IReadOnlyList<object> path, int depth,
        (int Line, int Column) rootAt)
    {
        var inner = JsonPositions.Find(raw, file, [.. path.Skip(depth)]);
        if (inner.Line == 1 && inner.Column == 1)
        {
            return new SourceLocation(file, rootAt.Line, rootAt.Column);
        }

        return new SourceLocation(file, valueAt.Line + inner.Line - 1, inner.Line == 1 ? valueAt.Column + inner.Column - 1 : inner.Column);
    }

    // The members of a streamed object that are read whole, with where each sits in the file; its lists are streamed, the rest skipped.
    private sealed class ObjectScope((int Line, int Column) start)
    {
        private readonly Dictionary<string, (int Line, int Column)> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ((int Line, int Column) At, byte[] Raw)> _values = new(StringComparer.Ordinal);

        public void Set(string name, (int Line, int Column) nameAt, (int Line, int Column) valueAt, byte[] raw)
        {
            _names[name] = nameAt;
            _values[name] = (valueAt, raw);
        }

        // A member streamed rather than read whole (a later duplicate replaces an earlier one, as in a parsed document).
        public void Streamed(string name, (int Line, int Column) nameAt)
        {
            _names[name] = nameAt;
            _values.Remove(name);
        }

        // The whole-read members as one object, for the element-based checks; GetRawText of a member gives back its file bytes.
        public JsonDocument Document()
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var (name, value) in _values)
                {
                    writer.WritePropertyName(name);
                    writer.WriteRawValue(value.Raw, skipInputValidation: true);
                }

                writer.WriteEndObject();
            }

            return JsonDocument.Parse(buffer.WrittenMemory);
        }

        // path[depth] names a member of this object: a missing one is reported at the object's start, as Find does.
        public SourceLocation Locate(string file, IReadOnlyList<object> path, int depth)
        {
            if (path.Count <= depth || path[depth] is not string name || !_names.TryGetValue(name, out var nameAt))
            {
                return new SourceLocation(file, start.Line, start.Column);
            }

            return path.Count == depth + 1 || !_values.TryGetValue(name, out var value)
                ? new SourceLocation(file, nameAt.Line, nameAt.Column)
                : Within(value.Raw, value.At, file, path, depth + 1, nameAt);
        }
    }

    // Streams the file: lists of suites and cases item by item, every other known member read whole and checked by the element-based
    // code below, keeping the path of the element being read so an error can point at it. The first error inside a list is held until
    // the whole file is read, so a syntax error anywhere and the checks made before the list still come first, as on a parsed document.
    private sealed class Reader(JsonTokenStream json, string file)
    {
        private static readonly HashSet<string> RunMembers = new(StringComparer.Ordinal)
        {
            "formatVersion", "runId", "startedAt", "finishedAt", "mode", "shard", "provenance", "suites",
        };

        private static readonly HashSet<string> SuiteMembers = new(StringComparer.Ordinal)
        {
            "name", "file", "dataset", "datasetHash", "suiteHash", "target", "model", "complete", "gate", "errors", "pricing", "cases",
        };

        private readonly List<object> _path = [];

        public RunResult Run()
        {
            if (json.Peek() != JsonTokenType.StartObject)
            {
                var raw = json.Value().ToArray();
                var at = json.Locate(json.TokenStart);
                End();
                using var whole = JsonDocument.Parse(raw);
                return Evaluate(() => Run(whole.RootElement, null, null), path => Within(raw, at, file, path, 0, at));
            }

            var (scope, suites, held) = ReadObject(RunMembers, "suites", ReadSuites);
            End();
            using var document = scope.Document();
            return Evaluate(() => Run(document.RootElement, suites, held), path => scope.Locate(file, path, 0));
        }

        private (List<SuiteResult> Suites, ExceptionDispatchInfo? Held) ReadSuites()
        {
            var suites = new List<SuiteResult>();
            var held = ReadList("suites", () => json.Peek() == JsonTokenType.StartObject ? ReadSuite() : ReadWhole(e => Suite(e, null, null)),
                (_, suite) => suites.Add(suite));
            return (suites, held);
        }

        private SuiteResult ReadSuite()
        {
            var depth = _path.Count;
            var (scope, cases, held) = ReadObject(SuiteMembers, "cases", ReadCases);
            using var document = scope.Document();
            return Evaluate(() => Suite(document.RootElement, cases, held), path => scope.Locate(file, path, depth));
        }

        private (IReadOnlyList<CaseResult> Cases, ExceptionDispatchInfo? Held) ReadCases()
        {
            var store = new CaseResultStore(EvalRunOptions.DefaultSpillAfterCases);
            var held = ReadList("cases", () => ReadWhole(Case), store.Add);
            return (store.Complete(), held);
        }

        // An object read member by member: the list named listName is streamed by readList (when it is an array), other known members
        // are kept whole for the element code, unknown ones are skipped. A later duplicate of the list replaces the earlier one.
        private (ObjectScope Scope, T? List, ExceptionDispatchInfo? Held) ReadObject<T>(HashSet<string> members, string listName,
            Func<(T List, ExceptionDispatchInfo? Held)> readList)
            where T : class
        {
            json.Next();
            var scope = new ObjectScope(json.Locate(json.TokenStart));
            T? list = null;
            ExceptionDispatchInfo? held = null;
            while (json.Next() == JsonTokenType.PropertyName)
            {
                var name = json.PropertyName!;
                var nameAt = json.Locate(json.TokenStart);
                if (name == listName && json.Peek() == JsonTokenType.StartArray)
                {
                    scope.Streamed(name, nameAt);
                    (list, held) = readList();
                }
                else if (members.Contains(name))
                {
                    (list, held) = name == listName ? (null, null) : (list, held);
                    ReadMember(scope, name, nameAt);
                }
                else
                {
                    json.Skip();
                }
            }

            return (scope, list, held);
        }

        // The items of a list one at a time; the first error is held (the rest of the list is skipped) so the caller can report it
        // after the checks that come first on a parsed document.
        private ExceptionDispatchInfo? ReadList<T>(string name, Func<T> readItem, Action<int, T> add)
        {
            json.Next();
            ExceptionDispatchInfo? held = null;
            _path.Add(name);
            var depth = _path.Count;
            for (var index = 0; json.Peek() != JsonTokenType.EndArray; index++)
            {
                if (held is not null)
                {
                    json.Skip();
                    continue;
                }

                _path.Add(index);
                try
                {
                    add(index, readItem());
                }
                catch (Exception ex) when (ex is not JsonException)
                {
                    held = ExceptionDispatchInfo.Capture(ex);
                }
                finally
                {
                    Truncate(depth);
                }
            }

            json.Next();
            Truncate(depth - 1);
            return held;
        }

        private void ReadMember(ObjectScope scope, string name, (int Line, int Column) nameAt)
        {
            var raw = json.Value().ToArray();
            scope.Set(name, nameAt, json.Locate(json.TokenStart), raw);
        }

        // Reads the next value whole (its bytes stay in the stream's buffer while it is read) and places any error in it.
        private T ReadWhole<T>(Func<JsonElement, T> read)
        {
            var bytes = json.Value();
            var at = json.Locate(json.TokenStart);
            var depth = _path.Count;
            using var document = JsonDocument.Parse(bytes);
            try
            {
                return read(document.RootElement);
            }
            catch (ResultsFormatException ex)
            {
                throw Located(ex, Within(bytes.ToArray(), at, file, ex.Path, depth, at));
            }
        }

        private void End()
        {
            if (json.Next() != JsonTokenType.None)
            {
                // The reader refuses anything after the single top-level value before this can happen.
                throw new InvalidOperationException("data after the results object");
            }
        }

        private static T Evaluate<T>(Func<T> read, Func<IReadOnlyList<object>, SourceLocation> locate)
        {
            try
            {
                return read();
            }
            catch (ResultsFormatException ex)
            {
                throw Located(ex, locate(ex.Path));
            }
        }

        private static LocatedException Located(ResultsFormatException ex, SourceLocation at) =>
            new(new ConfigError(ConfigErrorCode.InvalidValue, at, JsonPositions.Display(ex.Path), ex.Message));

        private void Truncate(int count) => _path.RemoveRange(count, _path.Count - count);

        private RunResult Run(JsonElement root, List<SuiteResult>? streamed, ExceptionDispatchInfo? held)
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
            if (streamed is not null)
            {
                held?.Throw();
                suites = streamed;
            }
            else
            {
                ForEach(root, "suites", required: true, suite => suites.Add(Suite(suite, null, null)));
            }

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

        private SuiteResult Suite(JsonElement e, IReadOnlyList<CaseResult>? streamed, ExceptionDispatchInfo? held)
        {
            Expect(e, JsonValueKind.Object, "a suite must be a JSON object");
            IReadOnlyList<CaseResult> cases;
            if (streamed is not null)
            {
                held?.Throw();
                cases = streamed;
            }
            else
            {
                var read = new List<CaseResult>();
                ForEach(e, "cases", required: false, c => read.Add(Case(c)));
                cases = read;
            }

            var errors = new List<ConfigError>();
            ForEach(e, "errors", required: false, err => errors.Add(Error(err)));
            var pricing = new List<string>();
            ForEach(e, "pricing", required: false, p => pricing.Add(p.ValueKind == JsonValueKind.String ? p.GetString()! : string.Empty));

            GateResult gate = new(Verdict.Error, []);
            if (Object(e, "gate") is { } g)
            {
                gate = Scoped("gate", () =>
                {
                    var checks = new List<GateCheck>();
                    ForEach(g, "checks", required: false, c => checks.Add(Check(c)));
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
            Expect(e, JsonValueKind.Object, "a case must be a JSON object");
            var metrics = new List<MetricResult>();
            ForEach(e, "metrics", required: false, m => metrics.Add(Metric(m)));
            var tags = Strings(e, "tags", "a tag must be a string");
            var context = Strings(e, "context", "a context passage must be a string");
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
            Expect(e, JsonValueKind.Object, "a metric result must be a JSON object");
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

        private ConfigError Error(JsonElement e)
        {
            Expect(e, JsonValueKind.Object, "an error must be a JSON object");
            return new ConfigError(
                Text(e, "code", required: true)!,
                new SourceLocation(Text(e, "file") ?? string.Empty, Int(e, "line") ?? 0, Int(e, "column") ?? 0),
                Text(e, "field") ?? string.Empty,
                Text(e, "message", required: true)!);
        }

        private GateCheck Check(JsonElement e)
        {
            Expect(e, JsonValueKind.Object, "a gate check must be a JSON object");
            var severity = Text(e, "severity") is { } level
                ? GateCheckText.ParseSeverity(level) ?? Fail<RuleSeverity>("severity", "'" + level + "' is not a severity; expected critical or warning")
                : RuleSeverity.Critical;
            var metrics = new List<MetricComparison>();
            ForEach(e, "metrics", required: false, m => metrics.Add(Comparison(m)));
            var drift = new List<DriftMeasurement>();
            ForEach(e, "drift", required: false, d => drift.Add(Drift(d)));
            return new GateCheck(Text(e, "name", required: true)!, VerdictOf(e, "verdict"), Text(e, "reason") ?? string.Empty)
            {
                Severity = severity,
                Comparison = Text(e, "comparison") is not null ? ComparisonOf(e, "comparison") : null,
                Metrics = metrics,
                Drift = drift,
            };
        }

        private MetricComparison Comparison(JsonElement e)
        {
            Expect(e, JsonValueKind.Object, "a metric comparison must be a JSON object");
            var worse = Strings(e, "worse", "a case id must be a string");
            var better = Strings(e, "better", "a case id must be a string");
            return new MetricComparison
            {
                Metric = Text(e, "metric", required: true)!,
                IsPassFail = Bool(e, "passFail") ?? false,
                Test = Text(e, "test", required: true)!,
                Pairs = Int(e, "pairs") ?? 0,
                BaselineMean = Double(e, "baselineMean") ?? double.NaN,
                CurrentMean = Double(e, "currentMean") ?? double.NaN,
                Delta = Double(e, "delta") ?? double.NaN,
                Interval = new Statistics.Interval(Double(e, "deltaLower") ?? double.NaN, Double(e, "deltaUpper") ?? double.NaN),
                Statistic = Double(e, "statistic") ?? double.NaN,
                PValue = Double(e, "pValue") ?? double.NaN,
                AdjustedPValue = Double(e, "adjustedPValue") ?? double.NaN,
                CliffsDelta = Double(e, "cliffsDelta") ?? double.NaN,
                Verdict = ComparisonOf(e, "verdict"),
                Worse = worse,
                Better = better,
                Summary = Text(e, "summary") ?? string.Empty,
            };
        }

        private DriftMeasurement Drift(JsonElement e)
        {
            Expect(e, JsonValueKind.Object, "a drift measurement must be a JSON object");
            var level = Text(e, "level", required: true)!;
            return new DriftMeasurement
            {
                Quantity = Text(e, "quantity", required: true)!,
                Kind = Text(e, "kind") ?? string.Empty,
                BaselineCount = Int(e, "baselineCount") ?? 0,
                CurrentCount = Int(e, "currentCount") ?? 0,
                BaselineMean = Double(e, "baselineMean") ?? double.NaN,
                CurrentMean = Double(e, "currentMean") ?? double.NaN,
                Change = Double(e, "change") ?? double.NaN,
                Z = Double(e, "z") ?? double.NaN,
                KsStatistic = Double(e, "ksStatistic") ?? double.NaN,
                KsPValue = Double(e, "ksPValue") ?? double.NaN,
                Psi = Double(e, "psi") ?? double.NaN,
                Level = GateCheckText.ParseDriftLevel(level) ?? Fail<DriftLevel>("level", "'" + level + "' is not a drift level; expected none, drift or critical"),
                Recommendation = Text(e, "recommendation") ?? string.Empty,
                Summary = Text(e, "summary") ?? string.Empty,
            };
        }

        // An optional list of strings; an item of another type is an error at that item.
        private List<string> Strings(JsonElement parent, string name, string message)
        {
            var values = new List<string>();
            ForEach(parent, name, required: false, v => values.Add(v.ValueKind == JsonValueKind.String ? v.GetString()! : Fail<string>(null, message)));
            return values;
        }

        private ComparisonVerdict ComparisonOf(JsonElement parent, string name)
        {
            var text = Text(parent, name, required: true);
            return GateCheckText.ParseComparison(text) ?? Fail<ComparisonVerdict>(name, "'" + text + "' is not a comparison verdict; expected pass, improved, regressed or inconclusive");
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
