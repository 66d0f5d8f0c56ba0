using System.Globalization;
using EvalHarness.Costs;

namespace EvalHarness.Reporting.Html;

/// <summary>Cost: system under test and judge apart, warnings for unknown prices, the cost-by-model chart and the breakdown tables.</summary>
internal static class CostSection
{
    private const int MaxTags = 50;

    public static void Write(HtmlWriter w, RunReport report)
    {
        var costs = report.Costs;
        w.Open("section", ("id", "costs")).Element("h2", "Cost");
        w.Open("div", ("class", "cards"));
        Card(w, "Total", CostFormat.Usd(costs.Total));
        Card(w, "System under test", CostFormat.Usd(costs.SystemUnderTest));
        Card(w, "Judge", costs.Judge.Calls == 0 ? "no calls" : CostFormat.Usd(costs.Judge));
        Card(w, "Per passing case", costs.CostPerPassingCase is { } per ? CostFormat.Usd(per) : Figures.None);
        Card(w, "Tokens in / cached / out", costs.Total.InputTokens.ToString("N0", CultureInfo.InvariantCulture) + " / " +
            costs.Total.CachedInputTokens.ToString("N0", CultureInfo.InvariantCulture) + " / " + costs.Total.OutputTokens.ToString("N0", CultureInfo.InvariantCulture));
        w.Close("div");
        w.Element("p", "Judge calls are accounted apart from the system under test's and never mixed into its figures" +
            (costs.Judge.Calls == 0 ? "; this run made none." : "."), ("class", "note"));
        if (costs.Total.ReplayedUsd > 0)
        {
            w.Element("p", CostFormat.Usd(costs.Total.ReplayedUsd) + " of the total is the recorded cost of calls replayed from recordings (not spent again).", ("class", "note"));
        }

        foreach (var warning in costs.Warnings)
        {
            w.Element("div", warning, ("class", "warning"));
        }

        if (costs.ByModel.Count > 0)
        {
            w.Open("div", ("class", "charts")).Open("figure");
            SvgCharts.Bars(w, "chart-cost-by-model", "Cost by model (system under test)", costs.ByModel
                .Select(l => (l.Key, (double)l.Cost.KnownUsd, CostFormat.Usd(l.Cost), l.Cost.KnownUsd == 0 && !l.Cost.IsComplete)).ToArray());
            w.Close("figure").Close("div");
        }
        else
        {
            w.Element("p", "No model calls were made (outputs came from the dataset), so nothing was priced.", ("class", "note"));
        }

        Table(w, "cost-by-model", "By model", "Model", costs.ByModel);
        Table(w, "cost-by-suite", "By suite", "Suite", costs.BySuite);
        if (costs.ByTag.Count > 0)
        {
            w.Open("details").Element("summary", "By tag: " + costs.ByTag.Count.ToString(CultureInfo.InvariantCulture) + " tags (tags overlap, so rows need not add up)");
            Table(w, "cost-by-tag", null, "Tag", costs.ByTag.Take(MaxTags).ToArray());
            if (costs.ByTag.Count > MaxTags)
            {
                w.Element("p", "… and " + (costs.ByTag.Count - MaxTags).ToString(CultureInfo.InvariantCulture) + " more tags in results.json.", ("class", "note"));
            }

            w.Close("details");
        }

        var sources = report.Run.Suites.SelectMany(s => s.PricingSources).Distinct(StringComparer.Ordinal).ToList();
        if (sources.Count > 0)
        {
            w.Element("p", "Prices (USD per million tokens): " + string.Join("; ", sources) + ". Per-case costs are in the case table.", ("class", "note"));
        }

        w.Close("section");
    }

    private static void Table(HtmlWriter w, string id, string? title, string keyHead, IReadOnlyList<CostLine> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        if (title is not null)
        {
            w.Element("h3", title);
        }

        w.Open("table", ("id", id)).Open("thead").Open("tr").Element("th", keyHead);
        foreach (var head in new[] { "Cases", "Passing", "Calls", "Unknown cost", "Input tokens", "Cached input", "Output tokens", "Cost", "Per passing case" })
        {
            w.Element("th", head, ("class", "num"));
        }

        w.Close("tr").Close("thead").Open("tbody");
        foreach (var line in lines)
        {
            var c = line.Cost;
            w.Open("tr").Element("td", line.Key);
            foreach (var value in new[] { line.Cases, line.PassingCases, c.Calls, c.UnknownCalls })
            {
                w.Element("td", value.ToString(CultureInfo.InvariantCulture), ("class", "num"));
            }

            foreach (var value in new[] { c.InputTokens, c.CachedInputTokens, c.OutputTokens })
            {
                w.Element("td", value.ToString("N0", CultureInfo.InvariantCulture), ("class", "num"));
            }

            w.Element("td", CostFormat.Usd(c), ("class", "num"))
                .Element("td", line.PerPassingCase is { } per ? CostFormat.Usd(per) : Figures.None, ("class", "num"))
                .Close("tr");
        }

        w.Close("tbody").Close("table");
    }

    private static void Card(HtmlWriter w, string label, string value) =>
        w.Open("div", ("class", "card")).Element("div", label, ("class", "label")).Element("div", value, ("class", "value")).Close("div");
}
