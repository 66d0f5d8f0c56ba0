using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using EvalHarness.Reporting;
using EvalHarness.Tests.Reporting;

namespace EvalHarness.Reports.Tests;

/// <summary>report.html opened in headless Chromium: it renders, its own script runs, and nothing from a dataset or a model does.</summary>
public sealed partial class HtmlReportBrowserTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "evh-browser-" + Guid.NewGuid().ToString("N")[..12]);

    public HtmlReportBrowserTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static int Height => int.TryParse(Environment.GetEnvironmentVariable("EVALHARNESS_SCREENSHOT_HEIGHT"), out var h) ? h : 1900;

    private static RunReport Report { get; } = RunReport.Create(ReportSamples.Run(), ReportSamples.History());

    private string WriteReport(Func<string, string>? tamper = null)
    {
        using var stream = new MemoryStream();
        new HtmlReportExporter().Export(Report, stream);
        var html = Encoding.UTF8.GetString(stream.ToArray());
        var path = Path.Combine(_folder, "report.html");
        File.WriteAllText(path, tamper is null ? html : tamper(html));
        return path;
    }

    [Fact]
    public async Task TheReportRendersItsChartsAndCaseTableAndItsOwnScriptRuns()
    {
        var chromium = HeadlessChromium.Require();

        var (dom, _) = await chromium.DumpDomAsync(WriteReport(), TestContext.Current.CancellationToken);

        Assert.Equal("EvalHarness · " + Report.Run.RunId + " · exit code " + Report.Run.ExitCode, Title(dom));
        Assert.Contains("data-ready=\"true\"", dom, StringComparison.Ordinal);
        foreach (var id in new[] { "chart-latency", "chart-cost-by-model", "chart-scores-0-0", "chart-scores-0-1", "chart-scores-1-0", "chart-trend", "chart-trend-cost" })
        {
            Assert.Matches("<svg id=\"" + id + "\" class=\"chart\"[^>]*>.*?<(rect|polyline|circle) ", Regex.Match(dom, "<svg id=\"" + id + "\".*?</svg>", RegexOptions.Singleline).Value);
        }

        var cases = Report.Run.Suites.Sum(s => s.Cases.Count);
        Assert.Equal(cases, Regex.Matches(dom, "<tr data-verdict=").Count);
        Assert.Contains("<span id=\"case-count\" class=\"note\">" + cases + " of " + cases + " cases</span>", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACaseWhoseTextsAreMarkupRunsNothing()
    {
        var chromium = HeadlessChromium.Require();

        var (dom, log) = await chromium.DumpDomAsync(WriteReport(), TestContext.Current.CancellationToken);

        Assert.Contains("data-ready=\"true\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("pwned", Title(dom), StringComparison.Ordinal);
        Assert.DoesNotContain("data-pwned=", dom, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(dom, "<script\\b"));
        Assert.DoesNotMatch("<img\\b", dom);
        Assert.DoesNotMatch("<a\\b[^<>]*href=\"javascript:", dom);
        Assert.Contains("Here you go: &lt;script&gt;document.title='pwned';", dom, StringComparison.Ordinal);
        Assert.Contains("&lt;a href=\"javascript:document.body.setAttribute('data-pwned','link')\"&gt;open&lt;/a&gt;", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("Uncaught", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheContentSecurityPolicyStopsMarkupThatEscapedEscaping()
    {
        var chromium = HeadlessChromium.Require();
        var path = WriteReport(html => html.Replace("<main>", "<main>" + ReportSamples.Payload, StringComparison.Ordinal));

        var (dom, log) = await chromium.DumpDomAsync(path, TestContext.Current.CancellationToken);

        // The injected elements exist this time, but neither the inline script nor the inline handler may run.
        Assert.Contains("data-ready=\"true\"", dom, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(dom, "<script\\b").Count);
        Assert.DoesNotContain("data-pwned=", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("pwned", Title(dom), StringComparison.Ordinal);
        Assert.Contains("Content Security Policy", log, StringComparison.Ordinal);

        // Control: without the policy the same markup does run, so the checks above can see it when it does.
        var unprotected = WriteReport(html => Regex.Replace(html, "<meta http-equiv=\"Content-Security-Policy\"[^>]*>", string.Empty)
            .Replace("<main>", "<main>" + ReportSamples.Payload, StringComparison.Ordinal));
        var (exposed, _) = await chromium.DumpDomAsync(unprotected, TestContext.Current.CancellationToken);
        Assert.Contains("data-pwned=", exposed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScreenshotShowsTheReport()
    {
        var chromium = HeadlessChromium.Require();
        var png = Path.Combine(_folder, "report.png");

        await chromium.ScreenshotAsync(WriteReport(), png, 1280, Height, TestContext.Current.CancellationToken);

        var bytes = await File.ReadAllBytesAsync(png, TestContext.Current.CancellationToken);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(Height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        Assert.True(bytes.Length > 50_000, "a blank page compresses to a few KB; this screenshot is " + bytes.Length + " bytes");
        TestContext.Current.AddAttachment("report-screenshot", bytes, "image/png");

        // README's screenshot is this test's output: EVALHARNESS_UPDATE_DOCS=1 refreshes docs/report.png.
        if (Environment.GetEnvironmentVariable("EVALHARNESS_UPDATE_DOCS") == "1")
        {
            File.Copy(png, Path.Combine(RepositoryRoot(), "docs", "report.png"), overwrite: true);
        }
    }

    private static string Title(string dom) => TitleElement().Match(dom).Groups[1].Value;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvalHarness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EvalHarness.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex TitleElement();
}
