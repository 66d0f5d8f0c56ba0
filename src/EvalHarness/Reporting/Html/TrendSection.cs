using System.Globalization;

namespace EvalHarness.Reporting.Html;

/// <summary>Trends across the runs in <c>history.jsonl</c>: pass rate, cost and p95 latency per suite.</summary>
internal static class TrendSection
{
    public static void Write(HtmlWriter w, RunReport report)
    {
        w.Open("section", ("id", "trends")).Element("h2", "Trends");
        foreach (var warning in report.HistoryWarnings.Take(5))
        {
            w.Element("div", warning, ("class", "warning"));
        }

        var history = report.History;
        if (history.Count < 2)
        {
            w.Element("p", "Trends appear once artifacts/evals/" + RunHistory.FileName + " holds two runs or more (each run appends one line).", ("class", "note"))
                .Close("section");
            return;
        }

        var labels = history.Select(h => h.StartedAt.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)).ToArray();
        var names = history.SelectMany(h => h.Suites.Select(s => s.Name)).Distinct(StringComparer.Ordinal).Take(SvgCharts.Palette.Length).ToArray();
        IReadOnlyList<double?> Series(string name, Func<HistorySuite, double?> value) =>
            history.Select(h => h.Suites.FirstOrDefault(s => s.Name == name) is { } s ? value(s) : null).ToArray();

        w.Open("div", ("class", "charts")).Open("figure");
        SvgCharts.Lines(w, "chart-trend", "Pass rate per suite", labels, names.Select(n => (n, Series(n, s => s.PassRate))).ToArray(),
            v => (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%", yMax: 1);
        w.Close("figure");
        var costs = names.Select(n => (n, Series(n, s => s.CostUsd is { } usd ? (double)usd : null))).ToArray();
        if (costs.Any(c => c.Item2.Any(v => v is not null)))
        {
            w.Open("figure");
            SvgCharts.Lines(w, "chart-trend-cost", "Cost per suite (USD; gaps where a cost was unknown)", labels, costs,
                v => "$" + v.ToString(v >= 1 ? "0.00" : "0.####", CultureInfo.InvariantCulture));
            w.Close("figure");
        }

        var p95 = names.Select(n => (n, Series(n, s => s.LatencyP95Ms))).ToArray();
        if (p95.Any(c => c.Item2.Any(v => v is not null)))
        {
            w.Open("figure");
            SvgCharts.Lines(w, "chart-trend-latency", "p95 latency per suite", labels, p95, v => Figures.Ms(v));
            w.Close("figure");
        }

        w.Close("div").Close("section");
    }
}
