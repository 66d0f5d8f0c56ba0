using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EvalHarness.Reporting;

namespace EvalHarness.Tests.Reporting;

public sealed partial class HtmlReportExporterTests
{
    private static string Render(RunReport report)
    {
        using var stream = new MemoryStream();
        new HtmlReportExporter().Export(report, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Html { get; } = Render(RunReport.Create(ReportSamples.Run(), ReportSamples.History()));

    [Fact]
    public void TextFromTheDatasetAndTheModelIsEscapedEverywhere()
    {
        var html = Html;

        Assert.Equal(1, CountOf(html, "<script"));
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>tag</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onmouseover=\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;document.title=&#39;pwned&#39;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=&quot;document.title=", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;tag&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheContentSecurityPolicyAllowsOnlyTheReportsOwnScriptAndStyleByHash()
    {
        var html = Html;
        var csp = CspMeta().Match(html);
        Assert.True(csp.Success, "no Content-Security-Policy meta tag");
        var policy = System.Net.WebUtility.HtmlDecode(csp.Groups[1].Value);

        var script = ScriptElement().Match(html).Groups[1].Value;
        var style = StyleElement().Match(html).Groups[1].Value;
        Assert.StartsWith("default-src 'none'; ", policy, StringComparison.Ordinal);
        Assert.Contains("script-src '" + Sha256(script) + "';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src '" + Sha256(style) + "';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<[a-zA-Z][^<>]*\son[a-z]+\s*=", html);
    }

    [Fact]
    public void NothingIsLoadedFromOutsideThePage()
    {
        var html = Html;

        Assert.DoesNotMatch("(src|href)\\s*=\\s*\"(https?:)?//", html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ChartsAndTheCaseTableArePresent()
    {
        var html = Html;
        var run = ReportSamples.Run();

        foreach (var id in new[] { "chart-latency", "chart-cost-by-model", "chart-scores-0-0", "chart-scores-1-1", "chart-trend", "chart-trend-cost", "chart-trend-latency", "case-table" })
        {
            Assert.Contains("id=\"" + id + "\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(run.Suites.Sum(s => s.Cases.Count), CountOf(html, "<tr data-verdict="));
        Assert.Contains("cost unknown for 8 calls: no price for model &#39;acme-llm-v2&#39;", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"label\">Judge</div><div class=\"value\">no calls</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutHistoryTheTrendSectionSaysHowToGetOne()
    {
        var html = Render(RunReport.Create(ReportSamples.Run(casesPerSuite: 8)));

        Assert.DoesNotContain("id=\"chart-trend\"", html, StringComparison.Ordinal);
        Assert.Contains("Trends appear once artifacts/evals/history.jsonl holds two runs or more", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AHugeRunListsTheCasesThatDidNotPassFirstUpToTheCap()
    {
        var cases = Enumerable.Range(0, 5_200).Select(i => new EvalHarness.Running.CaseResult { Id = "c" + i, Verdict = i % 100 == 99 ? Verdict.Fail : Verdict.Pass }).ToArray();
        var run = new EvalHarness.Running.RunResult { RunId = "r", Suites = [new EvalHarness.Running.SuiteResult { Name = "s", File = "s.yaml", Cases = cases }] };

        var html = Render(RunReport.Create(run));

        Assert.Equal(5_000, CountOf(html, "<tr data-verdict="));
        Assert.Equal(52, CountOf(html, "<tr data-verdict=\"fail\""));
        Assert.Contains("Showing 5000 of 5200 cases (every case that did not pass first)", html, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => Regex.Matches(text, Regex.Escape(part), RegexOptions.IgnoreCase).Count;

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">")]
    private static partial Regex CspMeta();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptElement();

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}
