using EvalHarness.Costs;

namespace EvalHarness.Reporting.Html;

/// <summary>The top of the report: headline figures, each suite's verdict and counts, and every gate check.</summary>
internal static class OverviewSection
{
    public static void Write(HtmlWriter w, RunReport report)
    {
        var run = report.Run;
        var cases = run.Suites.Sum(s => s.Aggregates.Cases);
        var passed = run.Suites.Sum(s => s.Aggregates.Passed);
        w.Open("section", ("id", "overview")).Element("h2", "Overview");
        w.Open("div", ("class", "cards"));
        Card(w, "Cases passed", passed + " / " + cases);
        Card(w, "Pass rate", Figures.Percent(cases == 0 ? null : (double)passed / cases));
        Card(w, "Cost", CostFormat.Usd(report.Costs.Total));
        Card(w, "Per passing case", report.Costs.CostPerPassingCase is { } per ? CostFormat.Usd(per) : Figures.None);
        Card(w, "Latency p50 / p95", Figures.Ms(report.Latency.P50Ms) + " / " + Figures.Ms(report.Latency.P95Ms));
        Card(w, "Errors / timeouts", report.Latency.Errors + " / " + report.Latency.Timeouts);
        w.Close("div");

        w.Open("table", ("id", "suite-table")).Open("thead").Open("tr");
        foreach (var (head, num) in new[] { ("Suite", false), ("Verdict", false), ("Cases", true), ("Pass", true), ("Fail", true), ("Inconclusive", true),
            ("Error", true), ("Pass rate", true), ("95% CI", true), ("Cost", true), ("p95 latency", true) })
        {
            w.Element("th", head, ("class", num ? "num" : null));
        }

        w.Close("tr").Close("thead").Open("tbody");
        foreach (var suite in report.Suites)
        {
            var a = suite.Result.Aggregates;
            w.Open("tr").Element("td", suite.Result.Name).Open("td");
            Badge(w, suite.Result.Verdict);
            w.Close("td");
            Num(w, a.Cases.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Num(w, a.Passed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Num(w, a.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Num(w, a.Inconclusive.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Num(w, a.Errors.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Num(w, Figures.Percent(a.PassRate));
            Num(w, Figures.Interval(suite.PassRate.Interval));
            Num(w, CostFormat.Usd(suite.Costs.Total));
            Num(w, Figures.Ms(suite.Latency.P95Ms));
            w.Close("tr");
        }

        w.Close("tbody").Close("table");
        foreach (var suite in report.Suites)
        {
            w.Element("h3", "Gate: " + suite.Result.Name).Open("ul", ("class", "checks"));
            foreach (var check in suite.Result.Gate.Checks)
            {
                w.Open("li");
                Badge(w, check.Verdict);
                w.Raw(" ").Element("code", check.Name).Text(": " + check.Reason).Close("li");
            }

            foreach (var error in suite.Result.ConfigurationErrors.Take(50))
            {
                w.Open("li").Element("code", error.ToString()).Close("li");
            }

            w.Close("ul");
        }

        w.Close("section");
    }

    public static void Badge(HtmlWriter w, Verdict verdict) =>
        w.Element("span", verdict.ToContractString(), ("class", "badge v-" + verdict.ToContractString()));

    private static void Card(HtmlWriter w, string label, string value) =>
        w.Open("div", ("class", "card")).Element("div", label, ("class", "label")).Element("div", value, ("class", "value")).Close("div");

    private static void Num(HtmlWriter w, string text) => w.Element("td", text, ("class", "num"));
}
