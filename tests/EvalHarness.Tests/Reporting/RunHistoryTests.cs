using EvalHarness.Reporting;

namespace EvalHarness.Tests.Reporting;

public sealed class RunHistoryTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void EachRunAppendsOneLineAndTheNextReportShowsTheTrend()
    {
        var artifacts = Path.Combine(_workspace.Root, "artifacts");
        var first = ReportSamples.Run(casesPerSuite: 10) with { RunId = "20261121-090000-0001", StartedAt = ReportSamples.Started.AddDays(-1) };
        var second = ReportSamples.Run(casesPerSuite: 10);

        ArtifactWriter.Write(first, artifacts);
        var firstHtml = File.ReadAllText(Path.Combine(artifacts, first.RunId, "report.html"));
        var folder = ArtifactWriter.Write(second, artifacts);

        var lines = File.ReadAllLines(Path.Combine(artifacts, RunHistory.FileName));
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("{\"exitCode\":", lines[0], StringComparison.Ordinal);
        var history = RunHistory.Read(Path.Combine(artifacts, RunHistory.FileName));
        Assert.Equal([first.RunId, second.RunId], history.Entries.Select(e => e.RunId));
        Assert.Equal(["support-faq", "ticket-summaries", "legacy-bot"], history.Entries[1].Suites.Select(s => s.Name));
        Assert.Null(history.Entries[1].Suites[2].CostUsd);
        Assert.Equal(4, history.Entries[1].Suites[2].UnknownCostCalls);
        Assert.DoesNotContain("id=\"chart-trend\"", firstHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-trend\"", File.ReadAllText(Path.Combine(folder, "report.html")), StringComparison.Ordinal);
        Assert.All(["results.json", "summary.md", "results.csv", "report.html"], name => Assert.True(File.Exists(Path.Combine(folder, name)), name));
    }

    [Fact]
    public void AnUnreadableLineIsSkippedWithAWarningNamingIt()
    {
        var entry = RunReport.Create(ReportSamples.Run(casesPerSuite: 5)).Entry;
        var path = _workspace.Write("history.jsonl", entry.ToJsonLine() + "\n{not json\n\n" + "{\"runId\":\"x\"}\n");

        var history = RunHistory.Read(path);

        Assert.Single(history.Entries);
        Assert.Equal(2, history.Warnings.Count);
        Assert.StartsWith(path + "(2): skipped an unreadable history line: ", history.Warnings[0], StringComparison.Ordinal);
        Assert.Equal(path + "(4): skipped an unreadable history line: no startedAt", history.Warnings[1]);
    }

    [Fact]
    public void AnEntryReadBackEqualsTheOneWritten()
    {
        var entry = RunReport.Create(ReportSamples.Run(casesPerSuite: 12)).Entry;

        var back = HistoryEntry.Parse(entry.ToJsonLine());

        Assert.Equal(entry.ToJsonLine(), back.ToJsonLine());
        Assert.Equal(entry.Suites[0].Passed, back.Suites[0].Passed);
        Assert.Equal(entry.Suites[0].CostUsd, back.Suites[0].CostUsd);
    }
}
