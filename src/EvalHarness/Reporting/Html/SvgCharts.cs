using System.Globalization;

namespace EvalHarness.Reporting.Html;

/// <summary>
/// Inline SVG charts for the HTML report, drawn by hand because no charting package is available offline (DEPENDENCIES.md: ScottPlot is
/// absent). Each chart is an <c>svg.chart</c> with an id, a <c>title</c> for screen readers and a tooltip (<c>title</c>) per mark.
/// </summary>
internal static class SvgCharts
{
    public static readonly string[] Palette = ["#0969da", "#1a7f37", "#cf222e", "#8250df", "#bc4c00", "#0598bc", "#9a6700", "#bf3989"];

    private const int Left = 56;
    private const int Right = 14;
    private const int Top = 28;
    private const int Bottom = 38;

    /// <summary>A vertical-bar histogram; <paramref name="markers"/> are vertical lines at fractions (0..1) of the x axis.</summary>
    public static void Histogram(HtmlWriter w, string id, string title, IReadOnlyList<string> binLabels, IReadOnlyList<int> counts, string xLabel,
        IReadOnlyList<(double Position, string Label)>? markers = null, int width = 560, int height = 220, string color = "#0969da")
    {
        Start(w, id, title, width, height);
        var plotW = width - Left - Right;
        var plotH = height - Top - Bottom;
        var max = Math.Max(1, counts.Count == 0 ? 1 : counts.Max());
        var step = counts.Count == 0 ? plotW : (double)plotW / counts.Count;
        Axes(w, width, height, max.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < counts.Count; i++)
        {
            var h = (double)counts[i] / max * plotH;
            w.Open("rect", ("x", F(Left + (i * step) + 1)), ("y", F(Top + plotH - h)), ("width", F(Math.Max(1, step - 2))), ("height", F(h)), ("fill", color))
                .Element("title", binLabels[i] + ": " + counts[i].ToString(CultureInfo.InvariantCulture))
                .Close("rect");
        }

        var every = Math.Max(1, (int)Math.Ceiling(counts.Count / 6.0));
        for (var i = 0; i < binLabels.Count; i += every)
        {
            w.Element("text", binLabels[i], ("x", F(Left + (i * step) + (step / 2))), ("y", F(height - Bottom + 14)), ("text-anchor", "middle"));
        }

        var row = 0;
        foreach (var (position, label) in markers ?? [])
        {
            // Labels step down a line each so markers close together stay readable.
            var x = Left + (Math.Clamp(position, 0, 1) * plotW);
            w.Open("line", ("x1", F(x)), ("x2", F(x)), ("y1", F(Top)), ("y2", F(Top + plotH)), ("stroke", "#cf222e"), ("stroke-dasharray", "4 3")).Close("line")
                .Element("text", label, ("x", F(x + 3)), ("y", F(Top + 10 + (row++ * 13))), ("class", "marker"));
        }

        w.Element("text", xLabel, ("x", F(Left + (plotW / 2.0))), ("y", F(height - 6)), ("text-anchor", "middle"));
        w.Close("svg");
    }

    /// <summary>Horizontal bars with a label and a value text each; an unknown value is a grey stub.</summary>
    public static void Bars(HtmlWriter w, string id, string title, IReadOnlyList<(string Label, double Value, string ValueText, bool Unknown)> bars, int width = 560)
    {
        const int row = 24;
        const int labelWidth = 190;
        var height = Top + (bars.Count * row) + 12;
        Start(w, id, title, width, height);
        var max = bars.Count == 0 ? 1 : Math.Max(bars.Max(b => b.Value), 1e-12);
        var plotW = width - labelWidth - 120;
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, text, unknown) = bars[i];
            var y = Top + (i * row);
            var barW = unknown ? 6 : Math.Max(2, value / max * plotW);
            w.Element("text", Figures.Truncate(label, 30), ("x", F(labelWidth - 8)), ("y", F(y + 15)), ("text-anchor", "end"));
            w.Open("rect", ("x", F(labelWidth)), ("y", F(y + 4)), ("width", F(barW)), ("height", "15"), ("fill", unknown ? "#afb8c1" : Palette[i % Palette.Length]))
                .Element("title", label + ": " + text)
                .Close("rect");
            w.Element("text", text, ("x", F(labelWidth + barW + 6)), ("y", F(y + 15)));
        }

        w.Close("svg");
    }

    /// <summary>One line per series over evenly spaced x positions; a null value breaks its line.</summary>
    public static void Lines(HtmlWriter w, string id, string title, IReadOnlyList<string> xLabels, IReadOnlyList<(string Name, IReadOnlyList<double?> Values)> series,
        Func<double, string> format, double? yMax = null, int width = 640, int height = 240)
    {
        // The legend sits in a column right of the plot so it never covers a line.
        const int legend = 150;
        Start(w, id, title, width, height);
        var plotW = width - Left - Right - legend;
        var plotH = height - Top - Bottom;
        var top = yMax ?? Math.Max(1e-12, series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(1).Max() * 1.1);
        Axes(w, width - legend, height, format(top));
        var n = xLabels.Count;
        double X(int i) => Left + (n <= 1 ? plotW / 2.0 : (double)i * plotW / (n - 1));
        double Y(double v) => Top + plotH - (Math.Clamp(v / top, 0, 1) * plotH);
        for (var s = 0; s < series.Count; s++)
        {
            var (name, values) = series[s];
            var color = Palette[s % Palette.Length];
            var points = new List<string>();
            for (var i = 0; i <= values.Count; i++)
            {
                if (i < values.Count && values[i] is { } v)
                {
                    points.Add(F(X(i)) + "," + F(Y(v)));
                    continue;
                }

                if (points.Count > 1)
                {
                    w.Open("polyline", ("points", string.Join(" ", points)), ("fill", "none"), ("stroke", color), ("stroke-width", "2")).Close("polyline");
                }

                points.Clear();
            }

            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is { } v)
                {
                    w.Open("circle", ("cx", F(X(i))), ("cy", F(Y(v))), ("r", "3"), ("fill", color))
                        .Element("title", name + " · " + xLabels[i] + ": " + format(v))
                        .Close("circle");
                }
            }

            w.Open("rect", ("x", F(width - legend)), ("y", F(Top + 4 + (s * 16))), ("width", "10"), ("height", "10"), ("fill", color)).Close("rect")
                .Element("text", Figures.Truncate(name, 20), ("x", F(width - legend + 14)), ("y", F(Top + 13 + (s * 16))));
        }

        if (n > 0)
        {
            w.Element("text", xLabels[0], ("x", F(X(0))), ("y", F(height - Bottom + 14)), ("text-anchor", n == 1 ? "middle" : "start"));
            if (n > 1)
            {
                w.Element("text", xLabels[n - 1], ("x", F(X(n - 1))), ("y", F(height - Bottom + 14)), ("text-anchor", "end"));
            }
        }

        w.Element("text", n.ToString(CultureInfo.InvariantCulture) + " runs, oldest first", ("x", F(Left + (plotW / 2.0))), ("y", F(height - 6)), ("text-anchor", "middle"));
        w.Close("svg");
    }

    private static void Start(HtmlWriter w, string id, string title, int width, int height)
    {
        w.Open("svg", ("id", id), ("class", "chart"), ("xmlns", "http://www.w3.org/2000/svg"), ("width", width.ToString(CultureInfo.InvariantCulture)),
                ("height", height.ToString(CultureInfo.InvariantCulture)), ("viewBox", "0 0 " + width.ToString(CultureInfo.InvariantCulture) + " " + height.ToString(CultureInfo.InvariantCulture)),
                ("role", "img"), ("aria-label", title))
            .Element("title", title)
            .Element("text", title, ("x", F(Left)), ("y", "16"), ("class", "title"));
    }

    private static void Axes(HtmlWriter w, int width, int height, string maxLabel)
    {
        var bottom = height - Bottom;
        w.Open("line", ("x1", F(Left)), ("x2", F(width - Right)), ("y1", F(bottom)), ("y2", F(bottom)), ("stroke", "#8c959f")).Close("line")
            .Open("line", ("x1", F(Left)), ("x2", F(Left)), ("y1", F(Top)), ("y2", F(bottom)), ("stroke", "#8c959f")).Close("line")
            .Element("text", maxLabel, ("x", F(Left - 4)), ("y", F(Top + 4)), ("text-anchor", "end"))
            .Element("text", "0", ("x", F(Left - 4)), ("y", F(bottom)), ("text-anchor", "end"));
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
