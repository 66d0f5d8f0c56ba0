using System.Text.Encodings.Web;
using System.Text.Json;
using EvalHarness.Baselines;
using EvalHarness.Costs;
using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Reporting;

/// <summary>
/// <c>results.json</c>: everything a run produced, the source every other report is rendered from. Its shape is a public contract
/// (versioned by <c>formatVersion</c>): per suite, <c>cases[]</c> with <c>id</c>, <c>output</c>, <c>verdict</c> and <c>metrics[]</c> of
/// <c>{ name, score, verdict, reason }</c>, verdicts spelled <c>pass</c>, <c>fail</c>, <c>inconclusive</c>, <c>error</c>.
/// </summary>
/// <remarks>
/// Cost and latency summaries (<c>costs</c>, <c>latency</c> at run and suite level) are written for other tools' convenience; the reports
/// recompute them from the cases, so <see cref="ResultsJsonReader"/> reads only the cases, gates and provenance. A case's <c>cost</c> is null
/// when it made no model call, and its <c>usd</c> is null when the call's cost is unknown (never 0).
/// </remarks>
public sealed class JsonResultsExporter : IResultsExporter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <inheritdoc />
    public string Format => "json";

    /// <inheritdoc />
    public string FileName => "results.json";

    /// <inheritdoc />
    public void Export(RunReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        var run = report.Run;
        using var w = new Utf8JsonWriter(stream, Options);
        w.WriteStartObject();
        w.WriteNumber("formatVersion", RunResult.CurrentFormatVersion);
        w.WriteString("runId", run.RunId);
        w.WriteString("startedAt", run.StartedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("finishedAt", run.FinishedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("mode", run.Mode.ToContractString());
        WriteNullable(w, "shard", run.Shard?.ToString());
        w.WriteBoolean("complete", run.Complete);
        w.WriteNumber("exitCode", run.ExitCode);
        w.WriteStartObject("provenance");
        w.WriteString("harnessVersion", run.HarnessVersion);
        WriteNullable(w, "gitCommit", run.GitCommit);
        w.WriteEndObject();
        WriteCosts(w, "costs", report.Costs, bySuite: true);
        WriteLatency(w, "latency", report.Latency);
        w.WriteStartArray("latencyByModel");
        foreach (var latency in report.LatencyByModel)
        {
            WriteLatency(w, null, latency);
        }

        w.WriteEndArray();
        w.WriteStartArray("suites");
        foreach (var suite in report.Suites)
        {
            WriteSuite(w, suite);
            w.Flush();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteSuite(Utf8JsonWriter w, SuiteReport report)
    {
        var suite = report.Result;
        w.WriteStartObject();
        w.WriteString("name", suite.Name);
        w.WriteString("file", suite.File);
        WriteNullable(w, "dataset", suite.Dataset);
        WriteNullable(w, "datasetHash", suite.DatasetHash);
        WriteNullable(w, "suiteHash", suite.SuiteHash);
        WriteNullable(w, "target", suite.Target?.ToString().ToLowerInvariant());
        WriteNullable(w, "model", suite.Model);
        w.WriteString("verdict", suite.Verdict.ToContractString());
        w.WriteBoolean("complete", suite.Complete);
        w.WriteStartObject("gate");
        w.WriteString("verdict", suite.Gate.Verdict.ToContractString());
        w.WriteStartArray("checks");
        foreach (var check in suite.Gate.Checks)
        {
            WriteCheck(w, check);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        WriteAggregates(w, suite.Aggregates);
        WriteStrings(w, "pricing", suite.PricingSources);
        WriteCosts(w, "costs", report.Costs, bySuite: false);
        WriteLatency(w, "latency", report.Latency);
        w.WriteStartArray("latencyByModel");
        foreach (var latency in report.LatencyByModel)
        {
            WriteLatency(w, null, latency);
        }

        w.WriteEndArray();
        w.WriteStartArray("errors");
        foreach (var error in suite.ConfigurationErrors)
        {
            WriteError(w, error);
        }

        w.WriteEndArray();
        w.WriteStartArray("cases");
        foreach (var c in suite.Cases)
        {
            WriteCase(w, c);
            if (w.BytesPending > 64 * 1024)
            {
                // Hand finished cases to the stream: the writer's buffer would otherwise grow to the whole file.
                w.Flush();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    // A check with what other tools need to act on it without parsing its reason: severity, the comparison's verdict, and per metric
    // the paired test's figures and the cases that got worse or better; drift measurements likewise.
    private static void WriteCheck(Utf8JsonWriter w, GateCheck check)
    {
        w.WriteStartObject();
        w.WriteString("name", check.Name);
        w.WriteString("verdict", check.Verdict.ToContractString());
        w.WriteString("reason", check.Reason);
        w.WriteString("severity", GateCheckText.Severity(check.Severity));
        if (check.Comparison is { } comparison)
        {
            w.WriteString("comparison", GateCheckText.Comparison(comparison));
        }

        if (check.Metrics.Count > 0)
        {
            w.WriteStartArray("metrics");
            foreach (var m in check.Metrics)
            {
                w.WriteStartObject();
                w.WriteString("metric", m.Metric);
                w.WriteBoolean("passFail", m.IsPassFail);
                w.WriteString("test", m.Test);
                w.WriteNumber("pairs", m.Pairs);
                WriteNumber(w, "baselineMean", m.BaselineMean);
                WriteNumber(w, "currentMean", m.CurrentMean);
                WriteNumber(w, "delta", m.Delta);
                WriteNumber(w, "deltaLower", m.Interval.Lower);
                WriteNumber(w, "deltaUpper", m.Interval.Upper);
                WriteNumber(w, "statistic", m.Statistic);
                WriteNumber(w, "pValue", m.PValue);
                WriteNumber(w, "adjustedPValue", m.AdjustedPValue);
                WriteNumber(w, "cliffsDelta", m.CliffsDelta);
                w.WriteString("verdict", GateCheckText.Comparison(m.Verdict));
                WriteStrings(w, "worse", m.Worse);
                WriteStrings(w, "better", m.Better);
                w.WriteString("summary", m.Summary);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (check.Drift.Count > 0)
        {
            w.WriteStartArray("drift");
            foreach (var d in check.Drift)
            {
                w.WriteStartObject();
                w.WriteString("quantity", d.Quantity);
                w.WriteString("kind", d.Kind);
                w.WriteNumber("baselineCount", d.BaselineCount);
                w.WriteNumber("currentCount", d.CurrentCount);
                WriteNumber(w, "baselineMean", d.BaselineMean);
                WriteNumber(w, "currentMean", d.CurrentMean);
                WriteNumber(w, "change", d.Change);
                WriteNumber(w, "z", d.Z);
                WriteNumber(w, "ksStatistic", d.KsStatistic);
                WriteNumber(w, "ksPValue", d.KsPValue);
                WriteNumber(w, "psi", d.Psi);
                w.WriteString("level", GateCheckText.DriftLevel(d.Level));
                w.WriteString("recommendation", d.Recommendation);
                w.WriteString("summary", d.Summary);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteAggregates(Utf8JsonWriter w, SuiteAggregates a)
    {
        w.WriteStartObject("aggregates");
        w.WriteNumber("cases", a.Cases);
        w.WriteNumber("passed", a.Passed);
        w.WriteNumber("failed", a.Failed);
        w.WriteNumber("inconclusive", a.Inconclusive);
        w.WriteNumber("errors", a.Errors);
        WriteNumber(w, "passRate", a.PassRate);
        w.WriteStartArray("metrics");
        foreach (var m in a.Metrics)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            w.WriteNumber("count", m.Count);
            w.WriteNumber("passed", m.Passed);
            w.WriteNumber("failed", m.Failed);
            w.WriteNumber("inconclusive", m.Inconclusive);
            w.WriteNumber("errors", m.Errors);
            WriteNumber(w, "passRate", m.PassRate);
            WriteNumber(w, "meanScore", m.MeanScore);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter w, ConfigError error)
    {
        w.WriteStartObject();
        w.WriteString("code", error.Code);
        w.WriteString("file", error.Location.File);
        w.WriteNumber("line", error.Location.Line);
        w.WriteNumber("column", error.Location.Column);
        w.WriteString("field", error.Field);
        w.WriteString("message", error.Message);
        w.WriteString("text", error.ToString());
        w.WriteEndObject();
    }

    private static void WriteCase(Utf8JsonWriter w, CaseResult c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteNumber("line", c.Line);
        WriteNullable(w, "input", c.Input);
        WriteNullable(w, "expected", c.Expected);
        WriteStrings(w, "context", c.Context);
        WriteNullable(w, "output", c.Output);
        w.WriteString("verdict", c.Verdict.ToContractString());
        if (c.ErrorKind != CaseErrorKind.None)
        {
            w.WriteString("errorKind", JsonNamingPolicy.CamelCase.ConvertName(c.ErrorKind.ToString()));
            WriteNullable(w, "error", c.Error);
        }

        WriteStrings(w, "tags", c.Tags);
        WriteNumber(w, "durationMs", Math.Round(c.Duration.TotalMilliseconds, 1));
        var m = c.Measurements;
        // Microsecond precision, so reports rendered again from this file show the same percentiles.
        WriteNumber(w, "latencyMs", m.LatencyMs is { } l ? Math.Round(l, 3) : null);
        WriteNumber(w, "timeToFirstTokenMs", m.TimeToFirstTokenMs is { } t ? Math.Round(t, 3) : null);
        w.WriteBoolean("replayed", m.Replayed);
        WriteNullable(w, "modelId", m.ModelId);
        if (m.Usage is { } usage)
        {
            w.WriteStartObject("usage");
            WriteNumber(w, "inputTokens", usage.InputTokenCount);
            WriteNumber(w, "outputTokens", usage.OutputTokenCount);
            WriteNumber(w, "totalTokens", usage.TotalTokenCount);
            WriteNumber(w, "cachedInputTokens", usage.CachedInputTokenCount);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("usage");
        }

        WriteCallCost(w, m.Cost);
        w.WriteNumber("retries", m.Retries);
        WriteNumber(w, "backoffMs", Math.Round(m.BackoffMs, 1));

        w.WriteStartArray("metrics");
        foreach (var metric in c.Metrics)
        {
            w.WriteStartObject();
            w.WriteString("name", metric.Name);
            WriteNumber(w, "score", metric.Score is { } s ? Math.Round(s, 6) : null);
            WriteNumber(w, "rawValue", metric.RawValue is { } r ? Math.Round(r, 6) : null);
            WriteNullable(w, "scale", metric.Scale);
            w.WriteString("verdict", metric.Verdict.ToContractString());
            w.WriteString("reason", metric.Reason);
            w.WriteStartObject("details");
            foreach (var detail in metric.Details.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                w.WriteString(detail.Key, detail.Value);
            }

            w.WriteEndObject();
            WriteNumber(w, "durationMs", Math.Round(metric.Duration.TotalMilliseconds, 3));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCallCost(Utf8JsonWriter w, CallCost? cost)
    {
        if (cost is null)
        {
            w.WriteNull("cost");
            return;
        }

        w.WriteStartObject("cost");
        WriteUsd(w, "usd", cost.Usd);
        WriteNullable(w, "model", cost.Model);
        WriteNullable(w, "pricedAs", cost.PricedAs);
        WriteUsd(w, "inputUsd", cost.IsKnown ? cost.InputUsd : null);
        WriteUsd(w, "cachedInputUsd", cost.IsKnown ? cost.CachedInputUsd : null);
        WriteUsd(w, "outputUsd", cost.IsKnown ? cost.OutputUsd : null);
        WriteNullable(w, "unknownReason", cost.UnknownReason);
        w.WriteEndObject();
    }

    private static void WriteCosts(Utf8JsonWriter w, string name, CostReport costs, bool bySuite)
    {
        w.WriteStartObject(name);
        WriteFigure(w, "total", costs.Total);
        WriteFigure(w, "systemUnderTest", costs.SystemUnderTest);
        WriteFigure(w, "judge", costs.Judge);
        WriteUsd(w, "costPerPassingCase", costs.CostPerPassingCase);
        WriteLines(w, "byModel", costs.ByModel);
        if (bySuite)
        {
            WriteLines(w, "bySuite", costs.BySuite);
        }

        WriteLines(w, "byTag", costs.ByTag);
        WriteStrings(w, "warnings", costs.Warnings);
        w.WriteEndObject();
    }

    private static void WriteLines(Utf8JsonWriter w, string name, IReadOnlyList<CostLine> lines)
    {
        w.WriteStartArray(name);
        foreach (var line in lines)
        {
            w.WriteStartObject();
            w.WriteString("key", line.Key);
            w.WriteNumber("cases", line.Cases);
            w.WriteNumber("passingCases", line.PassingCases);
            WriteUsd(w, "perPassingCase", line.PerPassingCase);
            WriteFigureFields(w, line.Cost);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteFigure(Utf8JsonWriter w, string name, CostFigure figure)
    {
        w.WriteStartObject(name);
        WriteFigureFields(w, figure);
        w.WriteEndObject();
    }

    private static void WriteFigureFields(Utf8JsonWriter w, CostFigure figure)
    {
        WriteUsd(w, "usd", figure.Usd);
        WriteUsd(w, "knownUsd", figure.KnownUsd);
        WriteUsd(w, "replayedUsd", figure.ReplayedUsd);
        w.WriteNumber("calls", figure.Calls);
        w.WriteNumber("unknownCalls", figure.UnknownCalls);
        w.WriteNumber("inputTokens", figure.InputTokens);
        w.WriteNumber("cachedInputTokens", figure.CachedInputTokens);
        w.WriteNumber("outputTokens", figure.OutputTokens);
    }

    private static void WriteLatency(Utf8JsonWriter w, string? name, LatencySummary l)
    {
        if (name is null)
        {
            w.WriteStartObject();
            w.WriteString("model", l.Key);
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteNumber("calls", l.Calls);
        WriteMs(w, "p50Ms", l.P50Ms);
        WriteMs(w, "p95Ms", l.P95Ms);
        WriteMs(w, "p99Ms", l.P99Ms);
        WriteMs(w, "maxMs", l.MaxMs);
        WriteMs(w, "meanMs", l.MeanMs);
        w.WriteNumber("streamedCalls", l.StreamedCalls);
        WriteMs(w, "timeToFirstTokenP50Ms", l.TimeToFirstTokenP50Ms);
        WriteMs(w, "timeToFirstTokenP95Ms", l.TimeToFirstTokenP95Ms);
        WriteMs(w, "tokensPerSecond", l.TokensPerSecond);
        w.WriteNumber("attempts", l.Attempts);
        w.WriteNumber("errors", l.Errors);
        w.WriteNumber("timeouts", l.Timeouts);
        WriteNumber(w, "errorRate", l.ErrorRate is { } e ? Math.Round(e, 6) : null);
        WriteNumber(w, "timeoutRate", l.TimeoutRate is { } t ? Math.Round(t, 6) : null);
        w.WriteNumber("retries", l.Retries);
        WriteMs(w, "backoffMs", l.BackoffMs);
        w.WriteEndObject();
    }

    private static void WriteMs(Utf8JsonWriter w, string name, double? value) => WriteNumber(w, name, value is { } v ? Math.Round(v, 1) : null);

    private static void WriteUsd(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, CostFormat.Normalize(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
