using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using EvalHarness.Running;

namespace EvalHarness.Reporting;

/// <summary>
/// <c>results.csv</c>: one row per case × metric for spreadsheets — a case with no metric result (an error before scoring) still has one
/// row with empty metric columns. The case's columns repeat on each of its rows, so sum <c>cost_usd</c> over one row per case.
/// </summary>
/// <remarks>
/// <c>cost_status</c> is <c>known</c>, <c>unknown</c> (then <c>cost_usd</c> is empty, never 0) or <c>none</c> (no model call).
/// Text cells are cut at 32,000 characters (a spreadsheet cell holds 32,767), and a cell starting with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, tab or carriage return is prefixed with <c>'</c> so a spreadsheet never runs model output as a formula.
/// </remarks>
public sealed class CsvResultsExporter : IResultsExporter
{
    /// <summary>The longest text cell written.</summary>
    public const int MaxCellLength = 32_000;

    private static readonly string[] Header =
    [
        "suite", "case_id", "line", "case_verdict", "error_kind", "error", "metric", "metric_verdict", "score", "raw_value", "scale", "reason",
        "model", "replayed", "latency_ms", "ttft_ms", "input_tokens", "cached_input_tokens", "output_tokens", "cost_usd", "cost_status",
        "retries", "backoff_ms", "tags", "input", "expected", "output",
    ];

    /// <inheritdoc />
    public string Format => "csv";

    /// <inheritdoc />
    public string FileName => "results.csv";

    /// <inheritdoc />
    public void Export(RunReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n", InjectionOptions = InjectionOptions.Escape };
        using var text = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        using var csv = new CsvWriter(text, config);
        foreach (var column in Header)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var suite in report.Run.Suites)
        {
            foreach (var c in suite.Cases)
            {
                if (c.Metrics.Count == 0)
                {
                    WriteRow(csv, suite, c, null);
                }

                foreach (var metric in c.Metrics)
                {
                    WriteRow(csv, suite, c, metric);
                }
            }
        }
    }

    private static void WriteRow(CsvWriter csv, SuiteResult suite, CaseResult c, MetricResult? metric)
    {
        var m = c.Measurements;
        csv.WriteField(Cut(suite.Name));
        csv.WriteField(Cut(c.Id));
        csv.WriteField(Number(c.Line));
        csv.WriteField(c.Verdict.ToContractString());
        csv.WriteField(c.ErrorKind == CaseErrorKind.None ? string.Empty : c.ErrorKind.ToString().ToLowerInvariant());
        csv.WriteField(Cut(c.Error));
        csv.WriteField(Cut(metric?.Name));
        csv.WriteField(metric?.Verdict.ToContractString() ?? string.Empty);
        csv.WriteField(Number(metric?.Score));
        csv.WriteField(Number(metric?.RawValue));
        csv.WriteField(Cut(metric?.Scale));
        csv.WriteField(Cut(metric?.Reason));
        csv.WriteField(Cut(m.ModelId ?? m.Cost?.Model));
        csv.WriteField(m.Replayed ? "true" : "false");
        csv.WriteField(Number(m.LatencyMs is { } l ? Math.Round(l, 1) : null));
        csv.WriteField(Number(m.TimeToFirstTokenMs is { } t ? Math.Round(t, 1) : null));
        var usage = m.Usage;
        csv.WriteField(Number(usage?.InputTokenCount));
        csv.WriteField(Number(usage?.CachedInputTokenCount));
        csv.WriteField(Number(usage?.OutputTokenCount));
        csv.WriteField(m.Cost?.Usd is { } usd ? Costs.CostFormat.Plain(usd) : string.Empty);
        csv.WriteField(m.Cost is null ? "none" : m.Cost.IsKnown ? "known" : "unknown");
        csv.WriteField(Number(m.Retries));
        csv.WriteField(Number(Math.Round(m.BackoffMs, 1)));
        csv.WriteField(Cut(string.Join(";", c.Tags)));
        csv.WriteField(Cut(c.Input));
        csv.WriteField(Cut(c.Expected));
        csv.WriteField(Cut(c.Output));
        csv.NextRecord();
    }

    private static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Cut(string? text) => text is null ? string.Empty : text.Length <= MaxCellLength ? text : text[..MaxCellLength] + "…";
}
