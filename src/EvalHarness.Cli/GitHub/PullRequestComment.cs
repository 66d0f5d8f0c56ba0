using System.Globalization;
using System.Text;
using EvalHarness.Baselines;
using EvalHarness.Costs;
using EvalHarness.Reporting;
using EvalHarness.Running;

namespace EvalHarness.Cli.GitHub;

/// <summary>
/// The one comment a pull request keeps (updated in place, found by <see cref="Marker"/>): each suite's verdict, pass rate and its change
/// against the committed baseline, cost and p95 latency, then the gate checks that did not pass. It stays well under GitHub's 65,536-character
/// comment limit; the full summary is the job's step summary.
/// </summary>
internal static class PullRequestComment
{
    /// <summary>The hidden line a workflow looks for to update the comment instead of adding another.</summary>
    public const string Marker = "<!-- evalharness:summary -->";

    private const int MaxChecks = 25;
    private const int MaxChars = 60_000;

    public static string Render(RunResult run, RepositoryPaths paths)
    {
        var report = RunReport.Create(run);
        var md = new StringBuilder(Marker).Append('\n');
        var outcome = run.ExitCode switch
        {
            ExitCodes.Passed => "✅ Evals passed",
            ExitCodes.GateFailed => "❌ Evals failed: a gate failed",
            ExitCodes.BadInput => "🛑 Evals failed: bad input or configuration",
            ExitCodes.Infrastructure => "🛑 Evals failed: an endpoint was unreachable",
            _ => "Evals finished",
        };
        md.Append("### ").Append(outcome).Append("\n\n");
        md.Append("| Suite | Verdict | Cases | Pass rate | Δ vs baseline | Cost | p95 latency |\n|---|---|---:|---:|---:|---:|---:|\n");
        foreach (var suite in report.Suites)
        {
            var result = suite.Result;
            md.Append("| ").Append(Cell(result.Name)).Append(" | ").Append(Icon(result.Verdict)).Append(' ').Append(result.Verdict.ToContractString())
                .Append(" | ").Append(result.Aggregates.Cases.ToString(CultureInfo.InvariantCulture))
                .Append(" | ").Append(Percent(result.Aggregates.PassRate))
                .Append(" | ").Append(Delta(result, paths))
                .Append(" | ").Append(Cell(CostFormat.Usd(suite.Costs.Total)))
                .Append(" | ").Append(suite.Latency.P95Ms is { } p95 ? p95.ToString("0", CultureInfo.InvariantCulture) + " ms" : "–").Append(" |\n");
        }

        var notPassing = run.Suites.SelectMany(s => s.Gate.Checks.Where(c => c.Verdict != Verdict.Pass || c.Reason.StartsWith("warning:", StringComparison.Ordinal))
            .Select(c => (Suite: s.Name, Check: c))).ToList();
        if (notPassing.Count > 0)
        {
            md.Append("\n**Gate checks that did not pass**\n\n");
            foreach (var (suite, check) in notPassing.Take(MaxChecks))
            {
                var warning = check.Verdict == Verdict.Pass;
                md.Append("- ").Append(warning ? "⚠️" : Icon(check.Verdict)).Append(" **").Append(Cell(suite)).Append("** `").Append(check.Name.Replace('`', '\'')).Append("`: ")
                    .Append(Cell(check.Reason.Length > 600 ? check.Reason[..600] + "…" : check.Reason)).Append('\n');
            }

            if (notPassing.Count > MaxChecks)
            {
                md.Append("- … and ").Append(notPassing.Count - MaxChecks).Append(" more in the step summary\n");
            }
        }

        md.Append("\n<sub>Run `").Append(run.RunId).Append("`, mode ").Append(run.Mode.ToString().ToLowerInvariant()).Append(", exit code ")
            .Append(run.ExitCode.ToString(CultureInfo.InvariantCulture))
            .Append(". Δ is the pass rate's change against the committed baseline in percentage points. Details: the job's step summary and its results artifact.</sub>\n");
        var text = md.ToString();
        return text.Length <= MaxChars ? text : text[..text.LastIndexOf('\n', MaxChars)] + "\n\n… cut to fit a comment; see the step summary.\n";
    }

    // Pass rate now minus the committed baseline's, in points; "–" without a readable baseline.
    private static string Delta(SuiteResult result, RepositoryPaths paths)
    {
        if (result.Aggregates.PassRate is not { } now)
        {
            return "–";
        }

        var directory = Path.Combine(Path.GetDirectoryName(paths.Full(result.File)) ?? ".", "baselines");
        var path = BaselineFiles.VerifiedBaseline(directory, result.Name);
        Baseline baseline;
        try
        {
            if (BaselineFiles.Read(path) is not { } text)
            {
                return "no baseline";
            }

            baseline = Baseline.Parse(text, path);
        }
        catch (Exception ex) when (ex is BaselineFormatException or IOException or UnauthorizedAccessException)
        {
            return "unreadable baseline";
        }

        if (baseline.Cases.Count == 0)
        {
            return "–";
        }

        var before = baseline.Cases.Count(c => c.Verdict == Verdict.Pass) / (double)baseline.Cases.Count;
        var points = (now - before) * 100;
        return Math.Abs(points) < 0.05 ? "±0.0 pts" : (points > 0 ? "+" : "−") + Math.Abs(points).ToString("0.0", CultureInfo.InvariantCulture) + " pts";
    }

    private static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    private static string Icon(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "✅",
        Verdict.Fail => "❌",
        Verdict.Inconclusive => "⚠️",
        _ => "🛑",
    };

    // Table cells and list items: no pipes, line breaks or raw HTML from suite names or reasons.
    private static string Cell(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);
}
