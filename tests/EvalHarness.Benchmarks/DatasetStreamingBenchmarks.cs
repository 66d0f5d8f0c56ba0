using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using EvalHarness.Datasets;
using EvalHarness.Suites;

namespace EvalHarness.Benchmarks;

/// <summary>
/// Streaming a 100,000-row dataset through <see cref="DatasetReader"/> as the runner does (mapping, id checks, assertion parsing):
/// time to the first row, a full pass, and the same pass reported per row (OperationsPerInvoke), in JSON Lines and CSV.
/// Rows look like a support FAQ: id, question, answer, a keyword list and a tag (JSONL also nests a source document).
/// Run: <c>dotnet run -c Release --project tests/EvalHarness.Benchmarks -- --filter *DatasetStreamingBenchmarks* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class DatasetStreamingBenchmarks
{
    private const int Rows = 100_000;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "evh-bench-dataset-" + Guid.NewGuid().ToString("N")[..8]);
    private string _path = null!;
    private DatasetOptions _options = null!;

    /// <summary>The file format.</summary>
    [Params("jsonl", "csv")]
    public string Format { get; set; } = "jsonl";

    /// <summary>Writes the dataset file.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_root);
        _path = Path.Combine(_root, "faq." + Format);
        var text = new StringBuilder();
        if (Format == "csv")
        {
            text.Append("id,question,answer,keywords,tags\n");
        }

        for (var i = 0; i < Rows; i++)
        {
            var id = "case-" + i.ToString("D6", CultureInfo.InvariantCulture);
            var question = "How do I return item " + i.ToString(CultureInfo.InvariantCulture) + " if I lost the receipt?";
            const string Answer = "Returns are accepted within 30 days; without a receipt we offer store credit.";
            text.Append(Format == "csv"
                ? id + "," + question + ",\"" + Answer + "\",receipt,returns\n"
                : "{\"id\":\"" + id + "\",\"question\":\"" + question + "\",\"answer\":\"" + Answer + "\",\"keywords\":[\"receipt\",\"store credit\"]," +
                  "\"docs\":[{\"title\":\"Returns\",\"text\":\"" + Answer + "\"}],\"tags\":[\"returns\"]}\n");
        }

        File.WriteAllText(_path, text.ToString());
        _options = new DatasetOptions
        {
            Mapping = new MappingDefinition(new Dictionary<string, string> { ["input"] = "question", ["expected"] = "answer" }),
            Assertions = new MetricSpecParser(),
        };
    }

    /// <summary>Removes the temporary folder.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>Opening the file and getting the first case.</summary>
    [Benchmark]
    public string? TimeToFirstRow() => DatasetReader.Read(_path, "datasets/faq." + Format, _options).First().Case?.Id;

    /// <summary>Every row, start to end.</summary>
    [Benchmark]
    public int FullPass() => Pass();

    /// <summary>The full pass, reported per row: time and bytes allocated for one row.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public int PerRow() => Pass();

    private int Pass()
    {
        var valid = 0;
        foreach (var entry in DatasetReader.Read(_path, "datasets/faq." + Format, _options))
        {
            valid += entry.Case is null ? 0 : 1;
        }

        return valid == Rows ? valid : throw new InvalidOperationException("only " + valid + " of " + Rows + " rows are valid");
    }
}
