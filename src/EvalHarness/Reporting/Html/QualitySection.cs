using System.Globalization;

namespace EvalHarness.Reporting.Html;

/// <summary>Quality per suite: pass rate per metric and per tag with 95 % Wilson intervals, score distributions, lowest-scoring cases.</summary>
internal static class QualitySection
{
    private const int MaxTags = 50;

    public static void Write(HtmlWriter w, RunReport report)
    {
        w.Open("section", ("id", "quality")).Element("h2", "Quality");
        for (var s = 0; s < report.Suites.Count; s++)
        {
            var suite = report.Suites[s];
            w.Element("h3", suite.Result.Name);
            if (suite.Metrics.Count > 0)
            {
                Rates(w, "metrics-" + s.ToString(CultureInfo.InvariantCulture), "Metric", suite.Metrics, withScore: true);
                w.Open("div", ("class", "charts"));
                for (var m = 0; m < suite.Histograms.Count; m++)
                {
                    var h = suite.Histograms[m];
                    var labels = Enumerable.Range(0, ScoreHistogram.BinCount)
                        .Select(i => (i / 10.0).ToString("0.0", CultureInfo.InvariantCulture) + "–" + ((i + 1) / 10.0).ToString("0.0", CultureInfo.InvariantCulture)).ToArray();
                    w.Open("figure");
                    SvgCharts.Histogram(w, "chart-scores-" + s.ToString(CultureInfo.InvariantCulture) + "-" + m.ToString(CultureInfo.InvariantCulture),
                        "Scores: " + h.Metric, labels, h.Bins, "score", null, 360, 180, SvgCharts.Palette[m % SvgCharts.Palette.Length]);
                    if (h.Unscored > 0)
                    {
                        w.Element("figcaption", h.Unscored.ToString(CultureInfo.InvariantCulture) + " result(s) without a score (errors or inconclusive).");
                    }

                    w.Close("figure");
                }

                w.Close("div");
            }

            if (suite.Tags.Count > 0)
            {
                w.Element("h4", "Pass rate by tag");
                Rates(w, "tags-" + s.ToString(CultureInfo.InvariantCulture), "Tag", suite.Tags.Take(MaxTags).ToArray(), withScore: false);
            }

            if (suite.LowestScoring.Count > 0)
            {
                w.Element("h4", "Lowest-scoring cases").Open("table", ("id", "lowest-" + s.ToString(CultureInfo.InvariantCulture))).Open("thead").Open("tr")
                    .Element("th", "Case").Element("th", "Mean score", ("class", "num")).Element("th", "Verdict").Element("th", "Why")
                    .Close("tr").Close("thead").Open("tbody");
                foreach (var ranked in suite.LowestScoring)
                {
                    w.Open("tr").Open("td").Element("code", ranked.Case.Id).Close("td").Element("td", Figures.Score(ranked.Score), ("class", "num")).Open("td");
                    OverviewSection.Badge(w, ranked.Case.Verdict);
                    w.Close("td").Element("td", Figures.Truncate(ranked.Reasons, 500)).Close("tr");
                }

                w.Close("tbody").Close("table");
            }
        }

        w.Close("section");
    }

    private static void Rates(HtmlWriter w, string id, string keyHead, IReadOnlyList<PassRateSummary> rows, bool withScore)
    {
        w.Open("table", ("id", id)).Open("thead").Open("tr").Element("th", keyHead).Element("th", "Results", ("class", "num"))
            .Element("th", "Passed", ("class", "num")).Element("th", "Pass rate", ("class", "num")).Element("th", "95% CI (Wilson)", ("class", "num")).Element("th", string.Empty);
        if (withScore)
        {
            w.Element("th", "Mean score", ("class", "num"));
        }

        w.Close("tr").Close("thead").Open("tbody");
        foreach (var row in rows)
        {
            w.Open("tr").Element("td", row.Name).Element("td", row.Total.ToString(CultureInfo.InvariantCulture), ("class", "num"))
                .Element("td", row.Passed.ToString(CultureInfo.InvariantCulture), ("class", "num"))
                .Element("td", Figures.Percent(row.Rate), ("class", "num")).Element("td", Figures.Interval(row.Interval), ("class", "num")).Open("td");
            IntervalBar(w, row);
            w.Close("td");
            if (withScore)
            {
                w.Element("td", Figures.Score(row.MeanScore), ("class", "num"));
            }

            w.Close("tr");
        }

        w.Close("tbody").Close("table");
    }

    // A 120-pixel strip: the interval as a band, the rate as a tick.
    private static void IntervalBar(HtmlWriter w, PassRateSummary row)
    {
        if (row.Interval is not { } interval || row.Rate is not { } rate || !double.IsFinite(interval.Lower) || !double.IsFinite(interval.Upper))
        {
            return;
        }

        static string X(double v) => (Math.Clamp(v, 0, 1) * 120).ToString("0.#", CultureInfo.InvariantCulture);
        w.Open("svg", ("width", "120"), ("height", "12"), ("viewBox", "0 0 120 12"), ("role", "img"), ("aria-label", Figures.Interval(interval)))
            .Open("rect", ("x", "0"), ("y", "5"), ("width", "120"), ("height", "2"), ("fill", "#d1d9e0")).Close("rect")
            .Open("rect", ("x", X(interval.Lower)), ("y", "2"), ("width", (Math.Max(1, (Math.Clamp(interval.Upper, 0, 1) - Math.Clamp(interval.Lower, 0, 1)) * 120)).ToString("0.#", CultureInfo.InvariantCulture)),
                ("height", "8"), ("fill", "#54aeff")).Close("rect")
            .Open("rect", ("x", X(rate)), ("y", "0"), ("width", "2"), ("height", "12"), ("fill", "#0550ae")).Close("rect")
            .Close("svg");
    }
}
