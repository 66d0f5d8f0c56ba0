using System.Text;
using EvalHarness.Costs;
using EvalHarness.Reporting.Html;

namespace EvalHarness.Reporting;

/// <summary>
/// <c>report.html</c>: one self-contained page — no CDN, no external fonts, images or scripts — with the run's overview, cost (system
/// under test and judge apart), latency, quality per metric and tag, trends across <c>history.jsonl</c>, and a sortable, filterable
/// table of every case with its input, output, context and metric reasons. Charts are inline SVG.
/// </summary>
/// <remarks>
/// Every string from a dataset, a model or a suite is HTML-escaped, and a Content-Security-Policy meta tag allows only the report's own
/// script and stylesheet (by SHA-256 hash): markup in a model's output is shown as text and never runs.
/// </remarks>
public sealed class HtmlReportExporter : IResultsExporter
{
    /// <inheritdoc />
    public string Format => "html";

    /// <inheritdoc />
    public string FileName => "report.html";

    /// <inheritdoc />
    public void Export(RunReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        var run = report.Run;
        using var text = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        var w = new HtmlWriter(text);
        w.Raw("<!DOCTYPE html>\n").Open("html", ("lang", "en")).Raw("\n<head>\n")
            .Open("meta", ("charset", "utf-8")).Raw("\n")
            .Open("meta", ("http-equiv", "Content-Security-Policy"), ("content", ReportAssets.ContentSecurityPolicy)).Raw("\n")
            .Open("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1")).Raw("\n")
            .Element("title", "EvalHarness report").Raw("\n")
            .Raw("<style>").Raw(ReportAssets.Css).Raw("</style>\n</head>\n");
        w.Open("body", ("data-title", "EvalHarness · " + run.RunId + " · exit code " + run.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        w.Open("header").Element("h1", "Eval run " + run.RunId).Element("div", Meta(report), ("class", "meta")).Close("header").Raw("\n");
        w.Open("nav");
        foreach (var (id, label) in new[] { ("overview", "Overview"), ("costs", "Cost"), ("latency", "Latency"), ("quality", "Quality"), ("trends", "Trends"), ("cases", "Cases") })
        {
            w.Element("a", label, ("href", "#" + id));
        }

        w.Close("nav").Raw("\n").Open("main");
        OverviewSection.Write(w, report);
        CostSection.Write(w, report);
        LatencySection.Write(w, report);
        QualitySection.Write(w, report);
        TrendSection.Write(w, report);
        CaseTableSection.Write(w, report);
        w.Close("main").Raw("\n");
        w.Element("footer", "Run by EvalHarness " + run.HarnessVersion + " · every figure is computed from results.json · prices in USD per million tokens, " +
            "overridable in " + PricingTable.FileName);
        w.Raw("\n<script>").Raw(ReportAssets.Script).Raw("</script>\n").Close("body").Raw("\n").Close("html").Raw("\n");
        w.Flush();
    }

    private static string Meta(RunReport report)
    {
        var run = report.Run;
        var parts = new List<string>
        {
            "started " + run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC",
            "mode " + run.Mode.ToString().ToLowerInvariant(),
            "exit code " + run.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (run.Shard is { } shard)
        {
            parts.Add("shard " + shard);
        }

        if (run.GitCommit is { } commit)
        {
            parts.Add("commit " + commit[..Math.Min(12, commit.Length)]);
        }

        if (!run.Complete)
        {
            parts.Add("incomplete run");
        }

        return string.Join(" · ", parts);
    }
}
