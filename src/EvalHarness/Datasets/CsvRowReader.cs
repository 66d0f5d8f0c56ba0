using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;
using EvalHarness.Suites;

namespace EvalHarness.Datasets;

/// <summary>Streams the rows of a CSV file (RFC 4180, comma-separated, first row a header) as objects of header → text.</summary>
/// <remarks>
/// An empty cell becomes JSON null, so a mapped column is present in every row (the header has it) but an empty
/// <c>expected</c> cell means "no reference". Rows that are empty lines are skipped. A header with an empty or repeated
/// column name makes the whole file ambiguous: it is reported once, and no rows are read.
/// </remarks>
internal sealed class CsvRowReader : IDisposable
{
    private readonly CsvParser _parser;
    private readonly string _file;
    private BadDataFoundArgs? _badData;
    private int _nextLine = 1;

    private CsvRowReader(TextReader text, string file)
    {
        _file = file;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            IgnoreBlankLines = false,
            BadDataFound = args => _badData ??= args,
        };
        _parser = new CsvParser(text, configuration, leaveOpen: true);
    }

    public static IEnumerable<DatasetRow> Read(TextReader text, string file)
    {
        using var reader = new CsvRowReader(text, file);
        string[]? header = null;
        while (reader.Next() is { } record)
        {
            if (record.Error is not null)
            {
                yield return DatasetRow.Failed(record.Location, record.Error);
                if (header is null || record.Fatal)
                {
                    yield break;
                }

                continue;
            }

            if (header is null)
            {
                header = record.Cells;
                if (CheckHeader(header, record.Location) is { } headerError)
                {
                    yield return DatasetRow.Failed(record.Location, headerError);
                    yield break;
                }

                continue;
            }

            yield return reader.ToRow(header, record);
        }
    }

    public void Dispose() => _parser.Dispose();

    /// <summary>The next non-blank record, or null at the end of the file.</summary>
    private Record? Next()
    {
        while (true)
        {
            var location = new SourceLocation(_file, _nextLine, 1);
            try
            {
                if (!_parser.Read())
                {
                    return null;
                }
            }
            catch (CsvHelperException ex)
            {
                return new Record(location, [], Malformed(location, "invalid CSV: " + ex.Message), Fatal: true);
            }

            // Counting the record's own line breaks keeps line numbers right across quoted multi-line cells and blank lines.
            var raw = _parser.RawRecord;
            _nextLine += LineBreaks(raw);

            // CsvHelper reports bad data while it builds the fields, so read them before looking.
            var cells = _parser.Record ?? [];
            var bad = _badData;
            _badData = null;
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            return bad is null
                ? new Record(location, cells, null, Fatal: false)
                : new Record(location, [], Malformed(location, DescribeBadData(bad.Value)), Fatal: false);
        }
    }

    private static ConfigError Malformed(SourceLocation location, string message) =>
        new(ConfigErrorCode.MalformedDatasetLine, location, string.Empty, message);

    private DatasetRow ToRow(string[] header, Record record)
    {
        if (record.Cells.Length != header.Length)
        {
            return DatasetRow.Failed(record.Location, Malformed(record.Location,
                "the row has " + Cells(record.Cells.Length) + " but the header has " + Cells(header.Length) +
                "; quote cells that contain commas or line breaks (\"a, b\")"));
        }

        var row = new JsonObject();
        for (var i = 0; i < header.Length; i++)
        {
            row[header[i]] = record.Cells[i].Length == 0 ? null : JsonValue.Create(record.Cells[i]);
        }

        return new DatasetRow(record.Location, row, []);
    }

    private static ConfigError? CheckHeader(string[] header, SourceLocation location)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(header[i]))
            {
                return Malformed(location,
                    "header column " + (i + 1).ToString(CultureInfo.InvariantCulture) + " has no name; the first row of a CSV dataset names every column");
            }

            if (!seen.TryAdd(header[i], i))
            {
                return Malformed(location,
                    "header column '" + header[i] + "' appears twice (columns " + (seen[header[i]] + 1).ToString(CultureInfo.InvariantCulture) +
                    " and " + (i + 1).ToString(CultureInfo.InvariantCulture) + "); rename one");
            }
        }

        return null;
    }

    private static string DescribeBadData(BadDataFoundArgs bad)
    {
        var field = bad.Field.Length > 40 ? bad.Field[..40] + "…" : bad.Field;
        return bad.Field.StartsWith('"') && bad.Field.Contains('\n', StringComparison.Ordinal)
            ? "invalid CSV: a quoted cell is never closed (" + Quote(field) + "); close it with '\"'"
            : "invalid CSV: a quote inside a cell (" + Quote(field) + "); quote the whole cell and double the quotes inside (\"say \"\"hi\"\"\")";
    }

    private static string Quote(string text) => "'" + text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'";

    private static string Cells(int count) => count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " cell" : " cells");

    private static int LineBreaks(string raw)
    {
        var count = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }

    private sealed record Record(SourceLocation Location, string[] Cells, ConfigError? Error, bool Fatal);
}
