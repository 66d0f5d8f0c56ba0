using System.Globalization;

namespace EvalHarness.Reporting.Html;

/// <summary>Latency and reliability: the latency histogram with p50/p95 marked, and per-suite and per-model tables.</summary>
internal static class LatencySection
{
    private const int MaxBins = 24;

    public static void Write(HtmlWriter w, RunReport report)
    {
        w.Open("section", ("id", "latency")).Element("h2", "Latency and reliability");
        var latencies = report.Run.Suites.SelectMany(s => s.Cases).Select(c => c.Measurements.LatencyMs).Where(l => l is { } v && double.IsFinite(v))
            .Select(l => l!.Value).ToList();
        if (latencies.Count == 0)
        {
            w.Element("p", "No model call was measured (outputs came from the dataset, or every case failed before its call).", ("class", "note"));
        }
        else
        {
            var width = BinWidth(latencies.Max());
            var bins = (int)Math.Max(1, Math.Ceiling(latencies.Max() / width + 1e-9));
            var counts = new int[bins];
            foreach (var l in latencies)
            {
                counts[Math.Min(bins - 1, (int)Math.Floor(l / width))]++;
            }

            var labels = Enumerable.Range(0, bins).Select(i => Figures.Invariant(i * width) + "–" + Figures.Invariant((i + 1) * width) + " ms").ToArray();
            var span = bins * width;
            var markers = new List<(double, string)>();
            if (report.Latency.P50Ms is { } p50)
            {
                markers.Add((p50 / span, "p50 " + Figures.Ms(p50)));
            }

            if (report.Latency.P95Ms is { } p95)
            {
                markers.Add((p95 / span, "p95 " + Figures.Ms(p95)));
            }

            w.Open("div", ("class", "charts")).Open("figure");
            SvgCharts.Histogram(w, "chart-latency", "Call latency (system under test), " + latencies.Count.ToString(CultureInfo.InvariantCulture) + " calls",
                labels, counts, "latency (ms)", markers);
            w.Element("figcaption", "Backoff between retries is not part of latency. Replayed calls show the latency measured when they were recorded.");
            w.Close("figure").Close("div");
        }

        Table(w, "latency-by-suite", "By suite", "Suite", report.Suites.Select(s => s.Latency).ToArray());
        Table(w, "latency-by-model", "By model", "Model", report.LatencyByModel);
        w.Close("section");
    }

    private static void Table(HtmlWriter w, string id, string title, string keyHead, IReadOnlyList<LatencySummary> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        w.Element("h3", title).Open("table", ("id", id)).Open("thead").Open("tr").Element("th", keyHead);
        foreach (var head in new[] { "Calls", "p50", "p95", "p99", "Max", "Mean", "Streamed", "TTFT p50", "TTFT p95", "Tokens/s", "Errors", "Timeouts", "Retries", "Backoff" })
        {
            w.Element("th", head, ("class", "num"));
        }

        w.Close("tr").Close("thead").Open("tbody");
        foreach (var l in rows)
        {
            w.Open("tr").Element("td", l.Key);
            foreach (var cell in new[]
            {
                l.Calls.ToString(CultureInfo.InvariantCulture), Figures.Ms(l.P50Ms), Figures.Ms(l.P95Ms), Figures.Ms(l.P99Ms), Figures.Ms(l.MaxMs), Figures.Ms(l.MeanMs),
                l.StreamedCalls.ToString(CultureInfo.InvariantCulture), Figures.Ms(l.TimeToFirstTokenP50Ms), Figures.Ms(l.TimeToFirstTokenP95Ms),
                Figures.PerSecond(l.TokensPerSecond), Figures.Rate(l.Errors, l.ErrorRate), Figures.Rate(l.Timeouts, l.TimeoutRate),
                l.Retries.ToString(CultureInfo.InvariantCulture), Figures.Ms(l.BackoffMs),
            })
            {
                w.Element("td", cell, ("class", "num"));
            }

            w.Close("tr");
        }

        w.Close("tbody").Close("table");
    }

    // A 1-2-5 step giving at most MaxBins bins up to the slowest call.
    private static double BinWidth(double max)
    {
        var raw = Math.Max(max, 1) / MaxBins;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var factor in new[] { 1, 2, 5, 10 })
        {
            if (factor * magnitude >= raw)
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
