using System.Text;
using EvalHarness.Reporting;
using EvalHarness.Suites;

namespace EvalHarness.Tests.Reporting;

public sealed class ResultsJsonReaderTests
{
    private static byte[] Export(IResultsExporter exporter, RunReport report)
    {
        using var stream = new MemoryStream();
        exporter.Export(report, stream);
        return stream.ToArray();
    }

    [Fact]
    public void EveryReportRenderedAgainFromResultsJsonIsByteForByteTheSame()
    {
        var history = ReportSamples.History();
        var original = RunReport.Create(ReportSamples.Run(), history);
        var json = Export(new JsonResultsExporter(), original);

        var reread = RunReport.Create(ResultsJsonReader.Parse(json, "results.json"), history);

        foreach (var exporter in ReportFormats.All)
        {
            Assert.Equal(Encoding.UTF8.GetString(Export(exporter, original)), Encoding.UTF8.GetString(Export(exporter, reread)));
        }
    }

    [Fact]
    public void AMissingContractFieldNamesItsLineAndPath()
    {
        var json = "{\n  \"formatVersion\": 1,\n  \"runId\": \"r\",\n  \"suites\": [\n    {\n      \"name\": \"s\",\n      \"cases\": [\n        { \"id\": \"a\", \"verdict\": \"maybe\" }\n      ]\n    }\n  ]\n}\n";

        var ex = Assert.Throws<EvalConfigurationException>(() => ResultsJsonReader.Parse(Encoding.UTF8.GetBytes(json), "results.json"));

        Assert.Equal("results.json(8,22): error EVH013: suites[0].cases[0].verdict: 'maybe' is not a verdict; expected pass, fail, inconclusive or error",
            Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void ANewerFormatIsRefusedWithAHint()
    {
        var ex = Assert.Throws<EvalConfigurationException>(() =>
            ResultsJsonReader.Parse(Encoding.UTF8.GetBytes("{ \"formatVersion\": 2, \"runId\": \"r\", \"suites\": [] }"), "results.json"));

        Assert.Equal("results.json(1,3): error EVH013: formatVersion: formatVersion 2 is not readable by this version (it reads 1 to 1); update EvalHarness",
            Assert.Single(ex.Errors).ToString());
    }

    [Fact]
    public void BrokenJsonNamesItsLine()
    {
        var ex = Assert.Throws<EvalConfigurationException>(() =>
            ResultsJsonReader.Parse(Encoding.UTF8.GetBytes("{\n  \"formatVersion\": 1,\n  \"runId\": \"r\"\n  \"suites\": []\n}"), "results.json"));

        Assert.StartsWith("results.json(4,", Assert.Single(ex.Errors).ToString(), StringComparison.Ordinal);
    }
}
