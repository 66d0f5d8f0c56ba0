using EvalHarness.Reporting;

namespace EvalHarness.Tests.Reporting;

public sealed class ArtifactExportTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void ExportingInParallelWritesWhatEachExporterWritesAlone()
    {
        var report = RunReport.Create(ReportSamples.Run(casesPerSuite: 300), ReportSamples.History());
        var folder = Path.Combine(_workspace.Root, "out");

        var written = ArtifactWriter.Export(report, folder, ReportFormats.All);

        Assert.Equal(ReportFormats.All.Select(e => Path.Combine(folder, e.FileName)), written);
        foreach (var exporter in ReportFormats.All)
        {
            using var alone = new MemoryStream();
            exporter.Export(report, alone);
            Assert.Equal(alone.ToArray(), File.ReadAllBytes(Path.Combine(folder, exporter.FileName)));
        }

        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void AFailingExporterLeavesNoTemporaryFileAndTheOthersStillWrite()
    {
        var report = RunReport.Create(ReportSamples.Run(casesPerSuite: 5));
        var folder = Path.Combine(_workspace.Root, "out");
        IResultsExporter[] exporters = [new JsonResultsExporter(), new ThrowingExporter(), new CsvResultsExporter()];

        var error = Assert.Throws<InvalidDataException>(() => ArtifactWriter.Export(report, folder, exporters));

        Assert.Equal("disk full halfway", error.Message);
        Assert.True(File.Exists(Path.Combine(folder, "results.json")));
        Assert.True(File.Exists(Path.Combine(folder, "results.csv")));
        Assert.False(File.Exists(Path.Combine(folder, "broken.txt")));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    private sealed class ThrowingExporter : IResultsExporter
    {
        public string Format => "broken";

        public string FileName => "broken.txt";

        public void Export(RunReport report, Stream stream)
        {
            stream.Write("partial"u8);
            throw new InvalidDataException("disk full halfway");
        }
    }
}
