using BenchmarkDotNet.Attributes;
using EvalHarness.Reporting;
using EvalHarness.Running;

namespace EvalHarness.Benchmarks;

/// <summary>
/// Results serialization of a 10,000-case run: building the report, each exporter (results.json, summary.md, results.csv, report.html)
/// writing to a discarding stream, the whole artifact folder on disk, and reading results.json back.
/// Run: <c>dotnet run -c Release --project tests/EvalHarness.Benchmarks -- --filter *SerializationBenchmarks* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private const int Cases = 10_000;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "evh-bench-results-" + Guid.NewGuid().ToString("N")[..8]);
    private RunResult _run = null!;
    private RunReport _report = null!;
    private byte[] _resultsJson = null!;

    /// <summary>Builds the run and its report, and results.json's bytes for the reader.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _run = SyntheticRun.Run(SyntheticRun.Suite("faq", Cases, seed: 1));
        _report = RunReport.Create(_run);
        using var stream = new MemoryStream();
        new JsonResultsExporter().Export(_report, stream);
        _resultsJson = stream.ToArray();
        Directory.CreateDirectory(_root);
    }

    /// <summary>Removes the temporary folder.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>results.json (to a stream that discards the bytes, as every Export* here: serialization, not disk time).</summary>
    [Benchmark]
    public long ExportJson() => Export("json");

    /// <summary>summary.md.</summary>
    [Benchmark]
    public long ExportMarkdown() => Export("md");

    /// <summary>results.csv.</summary>
    [Benchmark]
    public long ExportCsv() => Export("csv");

    /// <summary>report.html.</summary>
    [Benchmark]
    public long ExportHtml() => Export("html");

    /// <summary>The report model every exporter reads (aggregates, rankings, histograms, latency percentiles).</summary>
    [Benchmark]
    public RunReport CreateReport() => RunReport.Create(_run);

    /// <summary>Reading results.json (about as large as it is in a real 10,000-case run) back into a RunResult.</summary>
    [Benchmark]
    public RunResult ReadResultsJson() => ResultsJsonReader.Parse(_resultsJson, "results.json");

    /// <summary>The artifact folder as the CLI writes it: every exporter to disk, history appended, the 'latest' link moved.</summary>
    [Benchmark]
    public string WriteArtifacts() => ArtifactWriter.Write(_run, _root);

    /// <summary>Starts each artifact write from an empty folder, so earlier iterations' history does not grow the work.</summary>
    [IterationSetup(Target = nameof(WriteArtifacts))]
    public void EmptyArtifacts()
    {
        Directory.Delete(_root, recursive: true);
        Directory.CreateDirectory(_root);
    }

    private long Export(string format)
    {
        using var stream = new CountingStream();
        ReportFormats.Find(format)!.Export(_report, stream);
        return stream.Length;
    }

    // Counts bytes and drops them: measures serialization, not the disk.
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
