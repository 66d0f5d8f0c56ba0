using EvalHarness.Datasets;
using EvalHarness.Suites;

namespace EvalHarness.Tests.Datasets;

/// <summary>Shorthands for reading a dataset the way the runner does, with the display path <c>datasets/&lt;file name&gt;</c>.</summary>
internal static class DatasetTesting
{
    /// <summary>A parser that also knows <c>equals</c>, the metric promptfoo-style CSV <c>__expected</c> cells default to.</summary>
    public static MetricSpecParser Parser { get; } = new([
        new MetricDescriptor("equals", MetricFamily.Heuristic, "the output equals the value", ValueSource.ValueOrField, ParameterKind.String, []),
    ]);

    public static DatasetOptions Options(params (string Part, string Path)[] mapping) => new()
    {
        Mapping = new MappingDefinition(mapping.ToDictionary(m => m.Part, m => m.Path)),
        Assertions = Parser,
    };

    public static string DisplayPath(string path) => "datasets/" + Path.GetFileName(path);

    public static List<DatasetEntry> ReadAll(string path, DatasetOptions? options = null) =>
        [.. DatasetReader.Read(path, DisplayPath(path), options ?? Options())];

    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Datasets", "Data", name);

    /// <summary>The errors of every entry, formatted as the CLI and analyzer print them.</summary>
    public static string[] Errors(IEnumerable<DatasetEntry> entries) => [.. entries.SelectMany(e => e.Errors).Select(e => e.ToString())];

    public static EvalCase Case(DatasetEntry entry)
    {
        Assert.True(entry.Errors.Count == 0, string.Join("\n", entry.Errors));
        Assert.NotNull(entry.Case);
        return entry.Case;
    }
}
