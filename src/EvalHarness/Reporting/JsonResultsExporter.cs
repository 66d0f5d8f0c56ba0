using System.Text.Encodings.Web;
using System.Text.Json;
using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Reporting;

/// <summary>
/// <c>results.json</c>: everything a run produced, the source every other report is rendered from. Its shape is a public contract
/// (versioned by <c>formatVersion</c>): per suite, <c>cases[]</c> with <c>id</c>, <c>output</c>, <c>verdict</c> and <c>metrics[]</c> of
/// <c>{ name, score, verdict, reason }</c>, verdicts spelled <c>pass</c>, <c>fail</c>, <c>inconclusive</c>, <c>error</c>.
/// </summary>
public sealed class JsonResultsExporter : IResultsExporter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <inheritdoc />
    public string FileName => "results.json";

    /// <inheritdoc />
    public void Export(RunResult run, Stream stream)
    {
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
        w.WriteStartArray("suites");
        foreach (var suite in run.Suites)
        {
            WriteSuite(w, suite);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteSuite(Utf8JsonWriter w, SuiteResult suite)
    {
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
            w.WriteStartObject();
            w.WriteString("name", check.Name);
            w.WriteString("verdict", check.Verdict.ToContractString());
            w.WriteString("reason", check.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        WriteAggregates(w, suite.Aggregates);
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
        }

        w.WriteEndArray();
        w.WriteEndObject();
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
        WriteNullable(w, "output", c.Output);
        w.WriteString("verdict", c.Verdict.ToContractString());
        if (c.ErrorKind != CaseErrorKind.None)
        {
            w.WriteString("errorKind", JsonNamingPolicy.CamelCase.ConvertName(c.ErrorKind.ToString()));
            WriteNullable(w, "error", c.Error);
        }

        w.WriteStartArray("tags");
        foreach (var tag in c.Tags)
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        WriteNumber(w, "durationMs", Math.Round(c.Duration.TotalMilliseconds, 1));
        var m = c.Measurements;
        WriteNumber(w, "latencyMs", m.LatencyMs is { } l ? Math.Round(l, 1) : null);
        WriteNumber(w, "timeToFirstTokenMs", m.TimeToFirstTokenMs is { } t ? Math.Round(t, 1) : null);
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
