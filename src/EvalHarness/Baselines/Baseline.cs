using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Running;
using EvalHarness.Serialization;
using EvalHarness.Suites;

namespace EvalHarness.Baselines;

/// <summary>
/// A suite's committed baseline, <c>baselines/&lt;suite&gt;.baseline.json</c>: per-case verdicts and scores per metric, latency and cost,
/// aggregates, and the provenance of the numbers. Written as canonical text so a pull request shows a minimal, reviewable diff.
/// </summary>
/// <remarks>
/// The text has sorted keys, invariant-culture numbers rounded to fixed decimals (scores 6, cost 8, latency whole milliseconds), LF line
/// ends, UTF-8 without BOM, and one case per line, cases sorted by id. The aggregates are written for reviewers and recomputed from the
/// cases when read.
/// </remarks>
public sealed record Baseline
{
    /// <summary>The version of the baseline format this type reads and writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The suite's name.</summary>
    public required string Suite { get; init; }

    /// <summary>What produced the numbers.</summary>
    public BaselineProvenance Provenance { get; init; } = new();

    /// <summary>Every case (written sorted by id).</summary>
    public IReadOnlyList<BaselineCase> Cases { get; init; } = [];

    /// <summary>Builds the baseline a run would accept.</summary>
    /// <param name="result">The suite's results.</param>
    /// <param name="suite">The loaded suite, for the judge model and rubric hash; null when only results are known.</param>
    public static Baseline From(SuiteResult result, Suite? suite = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var cases = result.Cases.Select(c => new BaselineCase(c.Id, c.Verdict, MetricsOf(c.Metrics.Select(m => (m.Name, m.Score, m.Verdict))),
                c.Measurements.LatencyMs is { } latency ? Round(latency, 0) : null,
                c.Measurements.Cost?.Usd is { } usd ? Round((double)usd, 8) : null))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToArray();
        return new Baseline
        {
            Suite = result.Name,
            Provenance = new BaselineProvenance
            {
                Model = result.Model,
                PromptHash = result.SuiteHash,
                JudgeModel = suite?.Definition.Judge?.Model,
                RubricHash = suite is null ? null : Rubric.Hash(suite),
                DatasetHash = result.DatasetHash,
                HarnessVersion = Running.Provenance.HarnessVersion,
            },
            Cases = cases,
        };
    }

    /// <summary>
    /// True when <paramref name="other"/> holds the same results: suite, provenance, cases, verdicts and scores. Latency and cost are
    /// not compared — they change on every live run, and drift tracks them — so they alone never make a run "differ".
    /// </summary>
    public bool SameResults(Baseline other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Suite != other.Suite || Provenance != other.Provenance || Cases.Count != other.Cases.Count)
        {
            return false;
        }

        var theirs = other.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        return Cases.All(c => theirs.TryGetValue(c.Id, out var o) && o.Verdict == c.Verdict && o.Metrics.Count == c.Metrics.Count &&
            c.Metrics.All(m => o.Metrics.TryGetValue(m.Key, out var om) && om == m.Value));
    }

    /// <summary>Keys a case's metric results by name, numbering repeated names <c>name#2</c>, <c>name#3</c>… in order.</summary>
    public static IReadOnlyDictionary<string, BaselineMetric> MetricsOf(IEnumerable<(string Name, double? Score, Verdict Verdict)> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var result = new Dictionary<string, BaselineMetric>(StringComparer.Ordinal);
        foreach (var (name, score, verdict) in metrics)
        {
            var key = name;
            for (var n = 2; result.ContainsKey(key); n++)
            {
                key = name + "#" + n.ToString(CultureInfo.InvariantCulture);
            }

            result[key] = new BaselineMetric(score is { } s ? Round(s, 6) : null, verdict);
        }

        return result;
    }

    /// <summary>The canonical text of the baseline file.</summary>
    public string ToCanonicalText()
    {
        var sections = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["aggregates"] = Indent(CanonicalJson.Serialize(AggregatesNode()).TrimEnd('\n')),
            ["cases"] = CasesText(),
            ["formatVersion"] = CurrentFormatVersion.ToString(CultureInfo.InvariantCulture),
            ["provenance"] = Indent(CanonicalJson.Serialize(ProvenanceNode()).TrimEnd('\n')),
            ["suite"] = CanonicalJson.SerializeCompact(JsonValue.Create(Suite)),
        };
        return "{\n" + string.Join(",\n", sections.Select(s => "  " + CanonicalJson.SerializeCompact(JsonValue.Create(s.Key)) + ": " + s.Value)) + "\n}\n";
    }

    /// <summary>Reads a baseline file's text.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="path">The file's path, for error messages.</param>
    /// <exception cref="BaselineFormatException">The text is not a baseline of a supported version; the message names the file and line.</exception>
    public static Baseline Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new BaselineFormatException(path + "(" + ((ex.LineNumber ?? 0) + 1).ToString(CultureInfo.InvariantCulture) + "): " + ex.Message);
        }

        if (root is not JsonObject obj)
        {
            throw new BaselineFormatException(path + ": a baseline is a JSON object");
        }

        var version = obj["formatVersion"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
        if (version != CurrentFormatVersion)
        {
            throw new BaselineFormatException(path + ": formatVersion " + version.ToString(CultureInfo.InvariantCulture) + " is not supported (this harness reads " +
                CurrentFormatVersion.ToString(CultureInfo.InvariantCulture) + "); accept a new baseline");
        }

        var provenance = obj["provenance"] as JsonObject;
        var cases = new List<BaselineCase>();
        if (obj["cases"] is not JsonArray array)
        {
            throw new BaselineFormatException(path + ": 'cases' is missing");
        }

        foreach (var item in array)
        {
            if (item is not JsonObject c || Text(c, "id") is not { } id)
            {
                throw new BaselineFormatException(path + ": case " + cases.Count.ToString(CultureInfo.InvariantCulture) + " has no 'id'");
            }

            var metrics = new Dictionary<string, BaselineMetric>(StringComparer.Ordinal);
            if (c["metrics"] is JsonObject m)
            {
                foreach (var (name, value) in m)
                {
                    metrics[name] = new BaselineMetric(Number(value?["score"]), ParseVerdict(Text(value as JsonObject, "verdict"), path, id));
                }
            }

            cases.Add(new BaselineCase(id, ParseVerdict(Text(c, "verdict"), path, id), metrics, Number(c["latencyMs"]), Number(c["costUsd"])));
        }

        return new Baseline
        {
            Suite = Text(obj, "suite") ?? string.Empty,
            Provenance = new BaselineProvenance
            {
                Model = Text(provenance, "model"),
                PromptHash = Text(provenance, "promptHash"),
                JudgeModel = Text(provenance, "judgeModel"),
                RubricHash = Text(provenance, "rubricHash"),
                DatasetHash = Text(provenance, "datasetHash"),
                HarnessVersion = Text(provenance, "harnessVersion"),
            },
            Cases = cases,
        };
    }

    /// <summary>Parses a verdict's contract spelling.</summary>
    internal static Verdict? TryParseVerdict(string? text) => text switch
    {
        "pass" => Verdict.Pass,
        "fail" => Verdict.Fail,
        "inconclusive" => Verdict.Inconclusive,
        "error" => Verdict.Error,
        _ => null,
    };

    /// <summary>Rounds to fixed decimals, mapping −0 to 0 and non-finite values to null.</summary>
    internal static double? Round(double value, int decimals) =>
        double.IsFinite(value) ? Math.Round(value, decimals, MidpointRounding.AwayFromZero) + 0.0 : null;

    private static Verdict ParseVerdict(string? text, string path, string id) =>
        TryParseVerdict(text) ?? throw new BaselineFormatException(path + ": case '" + id + "' has verdict '" + text + "'; expected pass, fail, inconclusive or error");

    private static string? Text(JsonObject? obj, string key) => obj?[key] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private static double? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var d) ? d : null;

    private static string Indent(string text) => text.Replace("\n", "\n  ", StringComparison.Ordinal);

    // Numbers as normalised decimals: "0.5" and "0.000001", never "5E-07" or "0.50".
    private static JsonNode? Decimal(double? value) =>
        value is { } v && double.IsFinite(v) ? JsonValue.Create(decimal.Parse(v.ToString("0.#########", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)) : null;

    private string CasesText()
    {
        if (Cases.Count == 0)
        {
            return "[]";
        }

        var lines = Cases.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c =>
        {
            var metrics = new JsonObject();
            foreach (var (name, metric) in c.Metrics)
            {
                metrics[name] = new JsonObject { ["score"] = Decimal(metric.Score), ["verdict"] = metric.Verdict.ToContractString() };
            }

            // Measurements that were not taken are left out rather than written as null, keeping the lines short.
            var node = new JsonObject { ["id"] = c.Id, ["metrics"] = metrics, ["verdict"] = c.Verdict.ToContractString() };
            if (Decimal(c.CostUsd) is { } cost)
            {
                node["costUsd"] = cost;
            }

            if (Decimal(c.LatencyMs) is { } latency)
            {
                node["latencyMs"] = latency;
            }

            return "    " + CanonicalJson.SerializeCompact(node);
        });
        return "[\n" + string.Join(",\n", lines) + "\n  ]";
    }

    private JsonObject AggregatesNode()
    {
        var metrics = new JsonObject();
        foreach (var name in Cases.SelectMany(c => c.Metrics.Keys).Distinct(StringComparer.Ordinal))
        {
            var results = Cases.Where(c => c.Metrics.ContainsKey(name)).Select(c => c.Metrics[name]).ToList();
            var scores = results.Where(r => r.Score is not null).Select(r => r.Score!.Value).ToList();
            metrics[name] = new JsonObject
            {
                ["count"] = results.Count,
                ["errors"] = results.Count(r => r.Verdict == Verdict.Error),
                ["failed"] = results.Count(r => r.Verdict == Verdict.Fail),
                ["inconclusive"] = results.Count(r => r.Verdict == Verdict.Inconclusive),
                ["meanScore"] = scores.Count == 0 ? null : Decimal(Round(scores.Average(), 6)),
                ["passRate"] = Decimal(Round((double)results.Count(r => r.Verdict == Verdict.Pass) / results.Count, 6)),
                ["passed"] = results.Count(r => r.Verdict == Verdict.Pass),
            };
        }

        return new JsonObject
        {
            ["cases"] = Cases.Count,
            ["errors"] = Cases.Count(c => c.Verdict == Verdict.Error),
            ["failed"] = Cases.Count(c => c.Verdict == Verdict.Fail),
            ["inconclusive"] = Cases.Count(c => c.Verdict == Verdict.Inconclusive),
            ["metrics"] = metrics,
            ["passRate"] = Cases.Count == 0 ? null : Decimal(Round((double)Cases.Count(c => c.Verdict == Verdict.Pass) / Cases.Count, 6)),
            ["passed"] = Cases.Count(c => c.Verdict == Verdict.Pass),
        };
    }

    private JsonObject ProvenanceNode() => new()
    {
        ["datasetHash"] = Provenance.DatasetHash,
        ["harnessVersion"] = Provenance.HarnessVersion,
        ["judgeModel"] = Provenance.JudgeModel,
        ["model"] = Provenance.Model,
        ["promptHash"] = Provenance.PromptHash,
        ["rubricHash"] = Provenance.RubricHash,
    };
}
