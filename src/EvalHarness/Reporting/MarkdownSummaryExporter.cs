using System.Globalization;
using System.Text;
using EvalHarness.Running;

namespace EvalHarness.Reporting;

/// <summary>
/// <c>summary.md</c>: one screen per run for a pull request or a GitHub step summary — a table of suites, each gate's checks, per-metric
/// rates, and the failing cases folded in <c>&lt;details&gt;</c>. Lists are capped so the file stays far below GitHub's 1 MiB limit.
/// </summary>
public sealed class MarkdownSummaryExporter : IResultsExporter
{
    /// <summary>The most failing cases listed per suite.</summary>
    public const int MaxCasesListed = 50;

    /// <inheritdoc />
    public string FileName => "summary.md";

    /// <inheritdoc />
    public void Export(RunResult run, Stream stream)
    {
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
                .Append(" | ").Append(a.Errors).Append(" | ").Append(Percent(a.PassRate)).Append(" |\n");
        }

        foreach (var suite in run.Suites)
        {
            WriteSuite(md, suite);
        }

        var bytes = new UTF8Encoding(false).GetBytes(md.ToString());
        stream.Write(bytes);
    }

    private static void WriteSuite(StringBuilder md, SuiteResult suite)
    {
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

        if (suite.Aggregates.Metrics.Count > 0)
        {
            md.Append("\n| Metric | Pass rate | Mean score | Fail | Error |\n|---|---:|---:|---:|---:|\n");
            foreach (var m in suite.Aggregates.Metrics)
            {
                md.Append("| ").Append(Escape(m.Name)).Append(" | ").Append(Percent(m.PassRate)).Append(" | ")
                    .Append(m.MeanScore is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "–").Append(" | ")
                    .Append(m.Failed).Append(" | ").Append(m.Errors).Append(" |\n");
            }
        }

        var bad = suite.Cases.Where(c => c.Verdict != Verdict.Pass).ToList();
        if (bad.Count == 0)
        {
            return;
        }

        md.Append("\n<details><summary>").Append(bad.Count).Append(" case(s) not passing</summary>\n\n| Case | Line | Verdict | Why |\n|---|---:|---|---|\n");
        foreach (var c in bad.Take(MaxCasesListed))
        {
            var why = c.Error ?? string.Join("; ", c.Metrics.Where(m => m.Verdict != Verdict.Pass).Select(m => m.Name + ": " + m.Reason));
            md.Append("| `").Append(c.Id.Replace("`", "'", StringComparison.Ordinal)).Append("` | ").Append(c.Line).Append(" | ")
                .Append(c.Verdict.ToContractString()).Append(" | ").Append(Escape(Truncate(why, 300))).Append(" |\n");
        }

        if (bad.Count > MaxCasesListed)
        {
            md.Append("\n… and ").Append(bad.Count - MaxCasesListed).Append(" more in results.json.\n");
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

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    // Table cells: no pipes, no line breaks, no raw HTML from model output.
    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
