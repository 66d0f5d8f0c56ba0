using EvalHarness.Suites;

namespace EvalHarness.Datasets;

/// <summary>
/// Parses dataset text (JSON Lines, CSV, YAML) into entries without touching the file system — the piece the run-time
/// <see cref="DatasetReader"/> and the build-time analyzer share, so both judge a dataset by the same rules.
/// </summary>
/// <remarks>Compiled into the netstandard2.0 analyzer too: keep it free of file access.</remarks>
public static class DatasetParser
{
    /// <summary>Streams the entries of dataset text in order, one per row, rows with errors included.</summary>
    /// <param name="text">The dataset's text.</param>
    /// <param name="format">How to read it.</param>
    /// <param name="displayPath">The path shown in errors and in <see cref="EvalCase.Source"/>.</param>
    /// <param name="options">The mapping and assertion parsing to apply.</param>
    /// <exception cref="ArgumentException">An explicitly mapped path or <see cref="DatasetOptions.OutputField"/> is not a valid field path.</exception>
    public static IEnumerable<DatasetEntry> Read(TextReader text, DatasetFormat format, string displayPath, DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        Validate(displayPath, options);
        return ReadEntries(text, format, displayPath, options);
    }

    /// <summary>The format of a dataset file, from its extension (any letter case).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="displayPath">The path shown in the error.</param>
    /// <exception cref="DatasetException">An unsupported extension (code <c>EVH006</c>), with the list of supported ones.</exception>
    public static DatasetFormat FormatOf(string path, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path);
        switch (extension.ToLowerInvariant())
        {
            case ".jsonl" or ".ndjson":
                return DatasetFormat.Jsonl;
            case ".csv":
                return DatasetFormat.Csv;
            case ".yaml" or ".yml":
                return DatasetFormat.Yaml;
        }

        var hint = extension.Equals(".json", StringComparison.OrdinalIgnoreCase)
            ? "; a dataset in JSON is written as JSON Lines, one object per line, in a .jsonl file"
            : string.Empty;
        var found = extension.Length == 0 ? "a file without an extension" : "'" + extension + "'";
        throw new DatasetException(FileError(displayPath,
            "unsupported dataset format " + found + "; use .jsonl or .ndjson (JSON Lines), .csv or .yaml/.yml" + hint));
    }


    internal static IEnumerable<DatasetEntry> ReadEntries(TextReader text, DatasetFormat format, string displayPath, DatasetOptions options)
    {
        var rows = format switch
        {
            DatasetFormat.Csv => CsvRowReader.Read(text, displayPath),
            DatasetFormat.Yaml => YamlRowReader.Read(text, displayPath),
            _ => JsonlRowReader.Read(text, displayPath),
        };

        var mapper = new RowMapper(options, displayPath, format);
        foreach (var row in rows)
        {
            yield return mapper.Map(row);
        }
    }

    internal static void Validate(string displayPath, DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(displayPath);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Mapping);
        ArgumentNullException.ThrowIfNull(options.Assertions);
        foreach (var entry in options.Mapping.ExplicitEntries)
        {
            CheckPath(entry.Value, "mapping." + entry.Key);
        }

        if (options.OutputField is not null)
        {
            CheckPath(options.OutputField, "target.output");
        }
    }

    internal static ConfigError FileError(string displayPath, string message) =>
        new(ConfigErrorCode.DatasetMissing, new SourceLocation(displayPath, 0, 0), string.Empty, message);

    private static void CheckPath(string path, string name)
    {
        if (FieldPath.Validate(path) is { } problem)
        {
            throw new ArgumentException(name + ": " + problem, nameof(DatasetOptions));
        }
    }
}
