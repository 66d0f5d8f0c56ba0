using System.Globalization;
using EvalHarness.Costs;
using EvalHarness.Running;

namespace EvalHarness.Reporting.Html;

/// <summary>
/// Every case in one sortable, filterable table (sorting and filtering are the report's own script); each case folds out its input,
/// expected output, output, context, error, measurements and every metric's verdict, score, reason and details.
/// </summary>
internal static class CaseTableSection
{
    /// <summary>The longest text shown per field; the rest is in results.json.</summary>
    public const int MaxText = 20_000;

    /// <summary>The most cases in the table (a browser sorts a few thousand rows at once, not a hundred thousand); the rest are in results.csv.</summary>
    public const int MaxCases = 5_000;

    public static void Write(HtmlWriter w, RunReport report)
    {
        var total = report.Run.Suites.Sum(s => s.Cases.Count);
        w.Open("section", ("id", "cases")).Element("h2", "Cases");
        w.Open("div", ("class", "filters"))
            .Open("input", ("id", "case-filter"), ("type", "search"), ("placeholder", "Filter by id, input, output or reason…"), ("aria-label", "Filter cases"))
            .Open("select", ("id", "case-verdict"), ("aria-label", "Verdict")).Element("option", "All verdicts", ("value", string.Empty));
        foreach (var verdict in new[] { Verdict.Pass, Verdict.Fail, Verdict.Inconclusive, Verdict.Error })
        {
            w.Element("option", verdict.ToContractString(), ("value", verdict.ToContractString()));
        }

        w.Close("select").Open("select", ("id", "case-suite"), ("aria-label", "Suite")).Element("option", "All suites", ("value", string.Empty));
        foreach (var suite in report.Run.Suites)
        {
            w.Element("option", suite.Name, ("value", suite.Name));
        }

        w.Close("select").Element("span", Math.Min(total, MaxCases).ToString(CultureInfo.InvariantCulture) + " cases", ("id", "case-count"), ("class", "note")).Close("div");

        w.Open("table", ("id", "case-table")).Open("thead").Open("tr");
        foreach (var (head, type) in new[] { ("Suite", "text"), ("Case", "text"), ("Verdict", "text"), ("Score", "num"), ("Latency", "num"), ("Cost", "num"),
            ("Model", "text"), ("Tags", "text") })
        {
            w.Open("th", ("data-type", type), ("class", type == "num" ? "num" : null)).Element("button", head, ("type", "button")).Close("th");
        }

        w.Close("tr").Close("thead").Open("tbody");
        // Streamed, one case at a time (a large suite's cases are read back from disk). Past MaxCases, the cases that did not pass matter
        // most and passing ones fill the rest, each group in run order.
        var all = report.Run.Suites.SelectMany(s => s.Cases.Select(c => (Suite: s, Case: c)));
        var rows = total <= MaxCases ? all
            : all.Where(r => r.Case.Verdict != Verdict.Pass).Concat(all.Where(r => r.Case.Verdict == Verdict.Pass)).Take(MaxCases);
        var shown = 0;
        foreach (var (suite, c) in rows)
        {
            Row(w, suite, c);
            shown++;
        }

        w.Close("tbody").Close("table");
        if (total > shown)
        {
            w.Element("p", "Showing " + shown.ToString(CultureInfo.InvariantCulture) + " of " + total.ToString(CultureInfo.InvariantCulture) +
                " cases (every case that did not pass first); all of them are in results.csv and results.json.", ("class", "note"));
        }

        w.Close("section");
    }

    private static void Row(HtmlWriter w, SuiteResult suite, CaseResult c)
    {
        var m = c.Measurements;
        var scores = c.Metrics.Where(r => r.Score is { } s && double.IsFinite(s)).Select(r => r.Score!.Value).ToList();
        double? mean = scores.Count == 0 ? null : scores.Average();
        w.Open("tr", ("data-verdict", c.Verdict.ToContractString()), ("data-suite", suite.Name))
            .Element("td", suite.Name)
            .Open("td", ("class", "case"), ("data-sort", c.Id))
            .Open("details").Open("summary").Element("code", c.Id).Close("summary");
        Detail(w, suite, c);
        w.Close("details").Close("td")
            .Open("td", ("data-sort", c.Verdict.ToContractString()));
        OverviewSection.Badge(w, c.Verdict);
        w.Close("td")
            .Element("td", Figures.Score(mean), ("class", "num"), ("data-sort", mean?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty))
            .Element("td", Figures.Ms(m.LatencyMs), ("class", "num"), ("data-sort", m.LatencyMs?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty))
            .Element("td", Cost(m.Cost), ("class", "num"), ("data-sort", m.Cost?.Usd is { } usd ? CostFormat.Plain(usd) : string.Empty))
            .Element("td", m.ModelId ?? m.Cost?.Model ?? string.Empty)
            .Element("td", string.Join(", ", c.Tags))
            .Close("tr");
    }

    private static void Detail(HtmlWriter w, SuiteResult suite, CaseResult c)
    {
        var m = c.Measurements;
        w.Open("div", ("class", "case-detail")).Open("dl", ("class", "facts"));
        Fact(w, "Dataset line", suite.Dataset is null ? c.Line.ToString(CultureInfo.InvariantCulture) : suite.Dataset + ":" + c.Line.ToString(CultureInfo.InvariantCulture));
        if (c.ErrorKind != CaseErrorKind.None)
        {
            Fact(w, "Error kind", c.ErrorKind.ToString());
        }

        Fact(w, "Model", (m.ModelId ?? m.Cost?.Model ?? "–") + (m.Replayed ? " (replayed)" : string.Empty));
        Fact(w, "Latency", Figures.Ms(m.LatencyMs) + (m.TimeToFirstTokenMs is { } ttft ? ", first token " + Figures.Ms(ttft) : string.Empty));
        if (m.Usage is { } usage)
        {
            Fact(w, "Tokens", "in " + usage.InputTokenCount?.ToString(CultureInfo.InvariantCulture) + " (cached " +
                (usage.CachedInputTokenCount ?? 0).ToString(CultureInfo.InvariantCulture) + "), out " + usage.OutputTokenCount?.ToString(CultureInfo.InvariantCulture));
        }

        Fact(w, "Cost", m.Cost is null ? "no model call" : m.Cost.IsKnown
            ? CostFormat.Usd(m.Cost.Usd!.Value) + (m.Cost.PricedAs is { } priced && !string.Equals(priced, m.Cost.Model, StringComparison.OrdinalIgnoreCase) ? " (priced as " + priced + ")" : string.Empty)
            : "unknown: " + m.Cost.UnknownReason);
        Fact(w, "Retries", m.Retries.ToString(CultureInfo.InvariantCulture) + ", backoff " + Figures.Ms(m.BackoffMs));
        w.Close("dl");
        Block(w, "Input", c.Input);
        Block(w, "Expected", c.Expected);
        Block(w, "Output", c.Output);
        w.Element("h4", "Context");
        var context = ContextOf(c);
        if (context.Count == 0)
        {
            w.Element("p", "No context recorded for this case.", ("class", "note"));
        }

        foreach (var passage in context)
        {
            w.Element("pre", Figures.Truncate(passage, MaxText));
        }

        Block(w, "Error", c.Error);
        if (c.Metrics.Count > 0)
        {
            w.Element("h4", "Metrics").Open("table", ("class", "metrics")).Open("thead").Open("tr")
                .Element("th", "Metric").Element("th", "Verdict").Element("th", "Score", ("class", "num")).Element("th", "Raw", ("class", "num"))
                .Element("th", "Reason").Element("th", "Details").Close("tr").Close("thead").Open("tbody");
            foreach (var metric in c.Metrics)
            {
                w.Open("tr").Element("td", metric.Name).Open("td");
                OverviewSection.Badge(w, metric.Verdict);
                w.Close("td").Element("td", Figures.Score(metric.Score), ("class", "num"))
                    .Element("td", metric.RawValue is { } raw ? raw.ToString("0.####", CultureInfo.InvariantCulture) + (metric.Scale is { } scale ? " " + scale : string.Empty) : Figures.None, ("class", "num"))
                    .Element("td", Figures.Truncate(metric.Reason, MaxText)).Open("td");
                foreach (var (key, value) in metric.Details.OrderBy(d => d.Key, StringComparer.Ordinal))
                {
                    w.Open("div").Element("code", key).Text(": " + Figures.Truncate(value, 2_000)).Close("div");
                }

                w.Close("td").Close("tr");
            }

            w.Close("tbody").Close("table");
        }

        w.Close("div");
    }

    // CaseResult does not carry the case's context passages yet; when it does, they are shown here.
    private static IReadOnlyList<string> ContextOf(CaseResult c) => c.Context;

    private static void Fact(HtmlWriter w, string name, string value) => w.Element("dt", name).Element("dd", value);

    private static void Block(HtmlWriter w, string title, string? text)
    {
        if (text is null)
        {
            return;
        }

        w.Element("h4", title).Element("pre", Figures.Truncate(text, MaxText));
    }

    private static string Cost(CallCost? cost) => cost is null ? Figures.None : cost.Usd is { } usd ? CostFormat.Usd(usd) : "unknown";
}
