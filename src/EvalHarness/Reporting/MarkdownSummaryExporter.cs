using System.Globalization;
using System.Text;
using EvalHarness.Costs;
using EvalHarness.Running;

namespace EvalHarness.Reporting;

/// <summary>
/// <c>summary.md</c>: one screen per run for a pull request or a GitHub step summary — suites with their verdicts, cost and latency,
/// each gate's checks, per-metric pass rates with 95 % Wilson intervals, and the details (by model, by tag, lowest-scoring and failing
/// cases) folded in <c>&lt;details&gt;</c>.
/// </summary>
/// <remarks>
/// Lists are capped, and the whole file is kept under <see cref="MaxBytes"/> (GitHub refuses step summaries over 1 MiB): past it the
/// folded details are dropped, then the text is cut with a note pointing at <c>results.json</c>.
/// </remarks>
public sealed class MarkdownSummaryExporter : IResultsExporter
{
    /// <summary>The most failing cases listed per suite.</summary>
    public const int MaxCasesListed = 50;

    /// <summary>The most tags listed per suite.</summary>
    public const int MaxTagsListed = 30;

    /// <summary>The most cost warnings listed.</summary>
    public const int MaxWarningsListed = 10;

    /// <summary>The largest summary written, in bytes (GitHub's step-summary limit is 1 MiB = 1,048,576 bytes).</summary>
    public const int MaxBytes = 1_000_000;

    /// <inheritdoc />
    public string Format => "md";

    /// <inheritdoc />
    public string FileName => "summary.md";

    /// <inheritdoc />
    public void Export(RunReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        var encoding = new UTF8Encoding(false);
        var bytes = encoding.GetBytes(Render(report, withDetails: true));
        if (bytes.Length > MaxBytes)
        {
            bytes = encoding.GetBytes(Render(report, withDetails: false));
        }

        if (bytes.Length > MaxBytes)
        {
            var text = encoding.GetString(bytes, 0, MaxBytes - 200);
            text = text[..Math.Max(0, text.LastIndexOf('\n'))] + "\n\n… summary cut at GitHub's size limit; every figure is in results.json.\n";
            bytes = encoding.GetBytes(text);
        }

        stream.Write(bytes);
    }

    private static string Render(RunReport report, bool withDetails)
    {
        var run = report.Run;
        var md = new StringBuilder();
        md.Append("# Eval run ").Append(run.RunId).Append("\n\n");
        md.Append("Mode `").Append(run.Mode.ToString().ToLowerInvariant()).Append('`');
        if (run.Shard is { } shard)
        {
            md.Append(", shard `").Append(shard).Append('`');
        }

        md.Append(", exit code **").Append(run.ExitCode).Append("**").Append(run.Complete ? string.Empty : " — **incomplete run**").Append("\n\n");
        md.Append("| Suite | Verdict | Cases | Pass | Fail | Inconclusive | Error | Pass rate |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var suite in run.Suites)
        {
            var a = suite.Aggregates;
            md.Append("| ").Append(Escape(suite.Name)).Append(" | ").Append(Icon(suite.Verdict)).Append(' ').Append(suite.Verdict.ToContractString())
                .Append(" | ").Append(a.Cases).Append(" | ").Append(a.Passed).Append(" | ").Append(a.Failed).Append(" | ").Append(a.Inconclusive)
                .Append(" | ").Append(a.Errors).Append(" | ").Append(Figures.Percent(a.PassRate)).Append(" |\n");
        }

        WriteCostAndLatency(md, report);
        foreach (var suite in report.Suites)
        {
            WriteSuite(md, suite, withDetails);
        }

        return md.ToString();
    }

    private static void WriteCostAndLatency(StringBuilder md, RunReport report)
    {
        var costs = report.Costs;
        md.Append("\n**Cost** ").Append(CostFormat.Usd(costs.Total))
            .Append(" — system under test ").Append(CostFormat.Usd(costs.SystemUnderTest))
            .Append(", judge ").Append(costs.Judge.Calls == 0 ? "no calls" : CostFormat.Usd(costs.Judge))
            .Append("; per passing case ").Append(costs.CostPerPassingCase is { } per ? CostFormat.Usd(per) : "–");
        if (costs.Total.ReplayedUsd > 0)
        {
            md.Append(" (").Append(CostFormat.Usd(costs.Total.ReplayedUsd)).Append(" of it replayed from recordings, not spent again)");
        }

        md.Append(". **Latency** p50 ").Append(Figures.Ms(report.Latency.P50Ms)).Append(", p95 ").Append(Figures.Ms(report.Latency.P95Ms))
            .Append(", p99 ").Append(Figures.Ms(report.Latency.P99Ms)).Append(" over ").Append(report.Latency.Calls).Append(" calls.\n");
        if (costs.Warnings.Count > 0)
        {
            md.Append('\n');
        }

        foreach (var warning in costs.Warnings.Take(MaxWarningsListed))
        {
            md.Append("- ⚠️ ").Append(Escape(warning)).Append('\n');
        }

        if (costs.Warnings.Count > MaxWarningsListed)
        {
            md.Append("- … and ").Append(costs.Warnings.Count - MaxWarningsListed).Append(" more cost warnings in results.json\n");
        }

        md.Append("\n| Suite | Cost | Per passing case | Calls | p50 | p95 | p99 | Max | Errors | Timeouts | Retries |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var suite in report.Suites)
        {
            var l = suite.Latency;
            md.Append("| ").Append(Escape(suite.Result.Name)).Append(" | ").Append(Escape(CostFormat.Usd(suite.Costs.Total))).Append(" | ")
                .Append(suite.Costs.CostPerPassingCase is { } p ? CostFormat.Usd(p) : "–").Append(" | ").Append(l.Calls).Append(" | ")
                .Append(Figures.Ms(l.P50Ms)).Append(" | ").Append(Figures.Ms(l.P95Ms)).Append(" | ").Append(Figures.Ms(l.P99Ms)).Append(" | ").Append(Figures.Ms(l.MaxMs)).Append(" | ")
                .Append(Figures.Rate(l.Errors, l.ErrorRate)).Append(" | ").Append(Figures.Rate(l.Timeouts, l.TimeoutRate)).Append(" | ").Append(l.Retries).Append(" |\n");
        }

        var sources = report.Run.Suites.SelectMany(s => s.PricingSources).Distinct(StringComparer.Ordinal).ToList();
        if (sources.Count > 0)
        {
            md.Append("\nPrices: ").Append(Escape(string.Join("; ", sources))).Append(" (USD per million tokens).\n");
        }
    }

    private static void WriteSuite(StringBuilder md, SuiteReport report, bool withDetails)
    {
        var suite = report.Result;
        md.Append("\n## ").Append(Escape(suite.Name)).Append("\n\n");
        foreach (var check in suite.Gate.Checks)
        {
            md.Append("- ").Append(Icon(check.Verdict)).Append(" `").Append(check.Name).Append("`: ").Append(Escape(check.Reason)).Append('\n');
        }

        if (suite.ConfigurationErrors.Count > 0)
        {
            md.Append("\n**Configuration errors**\n\n```text\n");
            foreach (var error in suite.ConfigurationErrors.Take(MaxCasesListed))
            {
                md.Append(error.ToString().Replace("```", "'''", StringComparison.Ordinal)).Append('\n');
            }

            md.Append("```\n");
        }

        if (report.Metrics.Count > 0)
        {
            md.Append("\n| Metric | Pass rate | 95% CI | Mean score | Fail | Error |\n|---|---:|---:|---:|---:|---:|\n");
            foreach (var (m, rate) in suite.Aggregates.Metrics.Zip(report.Metrics))
            {
                md.Append("| ").Append(Escape(m.Name)).Append(" | ").Append(Figures.Percent(m.PassRate)).Append(" | ").Append(Figures.Interval(rate.Interval)).Append(" | ")
                    .Append(m.MeanScore is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "–").Append(" | ")
                    .Append(m.Failed).Append(" | ").Append(m.Errors).Append(" |\n");
            }
        }

        // One pass that counts and keeps at most MaxCasesListed: a large suite's cases are streamed from disk, never held together.
        var notPassing = 0;
        var listed = new List<CaseResult>();
        foreach (var c in suite.Cases.Where(c => c.Verdict != Verdict.Pass))
        {
            notPassing++;
            if (listed.Count < MaxCasesListed)
            {
                listed.Add(c);
            }
        }

        if (!withDetails)
        {
            if (notPassing > 0)
            {
                md.Append('\n').Append(notPassing).Append(" case(s) not passing: see results.json.\n");
            }

            return;
        }

        WriteModels(md, report);
        WriteTags(md, report);
        WriteLowest(md, report);
        if (notPassing == 0)
        {
            return;
        }

        md.Append("\n<details><summary>").Append(notPassing).Append(" case(s) not passing</summary>\n\n| Case | Line | Verdict | Why |\n|---|---:|---|---|\n");
        foreach (var c in listed)
        {
            var why = c.Error ?? string.Join("; ", c.Metrics.Where(m => m.Verdict != Verdict.Pass).Select(m => m.Name + ": " + m.Reason));
            md.Append("| ").Append(Code(c.Id)).Append(" | ").Append(c.Line).Append(" | ")
                .Append(c.Verdict.ToContractString()).Append(" | ").Append(Escape(Figures.Truncate(why, 300))).Append(" |\n");
        }

        if (notPassing > MaxCasesListed)
        {
            md.Append("\n… and ").Append(notPassing - MaxCasesListed).Append(" more in results.json.\n");
        }

        md.Append("\n</details>\n");
    }

    private static void WriteModels(StringBuilder md, SuiteReport report)
    {
        if (report.LatencyByModel.Count == 0)
        {
            return;
        }

        md.Append("\n<details><summary>Cost and latency by model</summary>\n\n")
            .Append("| Model | Calls | Cost | Tokens in / cached / out | p50 | p95 | p99 | Max | Mean | TTFT p50 | Tokens/s | Errors | Timeouts | Retries | Backoff |\n")
            .Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var l in report.LatencyByModel)
        {
            var cost = report.Costs.ByModel.FirstOrDefault(c => c.Key == l.Key)?.Cost ?? CostFigure.Empty;
            md.Append("| ").Append(Code(l.Key)).Append(" | ").Append(l.Calls).Append(" | ").Append(Escape(CostFormat.Usd(cost))).Append(" | ")
                .Append(cost.InputTokens).Append(" / ").Append(cost.CachedInputTokens).Append(" / ").Append(cost.OutputTokens).Append(" | ")
                .Append(Figures.Ms(l.P50Ms)).Append(" | ").Append(Figures.Ms(l.P95Ms)).Append(" | ").Append(Figures.Ms(l.P99Ms)).Append(" | ").Append(Figures.Ms(l.MaxMs)).Append(" | ")
                .Append(Figures.Ms(l.MeanMs)).Append(" | ").Append(Figures.Ms(l.TimeToFirstTokenP50Ms)).Append(" | ")
                .Append(l.TokensPerSecond is { } tps ? tps.ToString("0", CultureInfo.InvariantCulture) : Figures.None).Append(" | ")
                .Append(Figures.Rate(l.Errors, l.ErrorRate)).Append(" | ").Append(Figures.Rate(l.Timeouts, l.TimeoutRate)).Append(" | ").Append(l.Retries).Append(" | ")
                .Append(Figures.Ms(l.BackoffMs)).Append(" |\n");
        }

        md.Append("\nJudge calls are accounted separately; this run made ").Append(report.Costs.Judge.Calls == 0 ? "none" : report.Costs.Judge.Calls.ToString(CultureInfo.InvariantCulture))
            .Append(".\n\n</details>\n");
    }

    private static void WriteTags(StringBuilder md, SuiteReport report)
    {
        if (report.Tags.Count == 0)
        {
            return;
        }

        md.Append("\n<details><summary>Pass rate by tag (").Append(report.Tags.Count).Append(")</summary>\n\n| Tag | Cases | Pass rate | 95% CI | Cost |\n|---|---:|---:|---:|---:|\n");
        foreach (var tag in report.Tags.Take(MaxTagsListed))
        {
            var cost = report.Costs.ByTag.FirstOrDefault(c => c.Key == tag.Name)?.Cost ?? CostFigure.Empty;
            md.Append("| ").Append(Escape(tag.Name)).Append(" | ").Append(tag.Total).Append(" | ").Append(Figures.Percent(tag.Rate)).Append(" | ")
                .Append(Figures.Interval(tag.Interval)).Append(" | ").Append(Escape(CostFormat.Usd(cost))).Append(" |\n");
        }

        if (report.Tags.Count > MaxTagsListed)
        {
            md.Append("\n… and ").Append(report.Tags.Count - MaxTagsListed).Append(" more tags in report.html.\n");
        }

        md.Append("\n</details>\n");
    }

    private static void WriteLowest(StringBuilder md, SuiteReport report)
    {
        if (report.LowestScoring.Count == 0)
        {
            return;
        }

        md.Append("\n<details><summary>Lowest-scoring cases</summary>\n\n| Case | Mean score | Verdict | Why |\n|---|---:|---|---|\n");
        foreach (var ranked in report.LowestScoring)
        {
            md.Append("| ").Append(Code(ranked.Case.Id)).Append(" | ").Append(ranked.Score is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "–")
                .Append(" | ").Append(ranked.Case.Verdict.ToContractString()).Append(" | ").Append(Escape(Figures.Truncate(ranked.Reasons, 300))).Append(" |\n");
        }

        md.Append("\n</details>\n");
    }

    private static string Icon(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "✅",
        Verdict.Fail => "❌",
        Verdict.Inconclusive => "⚠️",
        _ => "🛑",
    };






    // Ids in code spans: backticks would end the span, and a pipe would end the cell even inside one.
    // Backslashes are doubled first: GFM splits cells before parsing code spans, so a text '\|' would otherwise end the cell.
    private static string Code(string text) => "`" + Figures.Truncate(text, 120).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) + "`";

    // Table cells: no pipes, no line breaks, no raw HTML from model output.
    // Backslashes are escaped first, or a text '\|' would become '\\|': an escaped backslash, then a pipe that ends the cell.
    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("&", "&amp;", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);
}
