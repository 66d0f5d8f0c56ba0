using System.Globalization;
using System.Text;
using CsvHelper;
using EvalHarness.Reporting;
using EvalHarness.Running;

namespace EvalHarness.Tests.Reporting;

public sealed class CsvResultsExporterTests
{
    private static List<string[]> Rows(RunResult run)
    {
        using var stream = new MemoryStream();
        new CsvResultsExporter().Export(RunReport.Create(run), stream);
        using var reader = new CsvReader(new StringReader(Encoding.UTF8.GetString(stream.ToArray())), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.Parser.Count).Select(i => reader.GetField(i) ?? string.Empty).ToArray());
        }

        return rows;
    }

    [Fact]
    public void OneRowPerCaseAndMetricAndOneForACaseWithoutMetrics()
    {
        var run = ReportSamples.Run(casesPerSuite: 20);
        var rows = Rows(run);

        var expected = run.Suites.SelectMany(s => s.Cases).Sum(c => Math.Max(1, c.Metrics.Count));
        Assert.Equal(expected + 1, rows.Count);
        Assert.Equal("suite", rows[0][0]);
        Assert.Equal(27, rows[0].Length);
        Assert.All(rows, r => Assert.Equal(27, r.Length));
    }

    [Fact]
    public void CostStatusSeparatesKnownUnknownAndNoCall()
    {
        var rows = Rows(ReportSamples.Run(casesPerSuite: 20));
        var header = rows[0].ToList();
        int Col(string name) => header.IndexOf(name);

        var timeout = rows.First(r => r[Col("error_kind")] == "timeout");
        Assert.Equal("unknown", timeout[Col("cost_status")]);
        Assert.Equal(string.Empty, timeout[Col("cost_usd")]);
        Assert.Equal(string.Empty, timeout[Col("metric")]);

        var infrastructure = rows.First(r => r[Col("error_kind")] == "infrastructure");
        Assert.Equal("none", infrastructure[Col("cost_status")]);

        var priced = rows.First(r => r[Col("model")].StartsWith("gpt-4o-mini", StringComparison.Ordinal) && r[Col("cost_status")] == "known");
        Assert.True(decimal.Parse(priced[Col("cost_usd")], CultureInfo.InvariantCulture) > 0);
        Assert.Equal("unknown", rows.First(r => r[Col("model")] == "acme-llm-v2")[Col("cost_status")]);
    }

    [Fact]
    public void CellsThatASpreadsheetWouldRunAsFormulasAreDefused()
    {
        var run = new RunResult
        {
            RunId = "r",
            Suites =
            [
                new SuiteResult
                {
                    Name = "s", File = "s.yaml",
                    Cases = [new CaseResult { Id = "a", Verdict = Verdict.Pass, Output = "=HYPERLINK(\"http://evil\",\"x\")", Input = "+1 plus \"quoted\", with comma\nand a line break" }],
                },
            ],
        };

        var row = Rows(run)[1];

        Assert.Equal("'=HYPERLINK(\"http://evil\",\"x\")", row[^1]);
        Assert.Equal("'+1 plus \"quoted\", with comma\nand a line break", row[^3]);
    }
}
