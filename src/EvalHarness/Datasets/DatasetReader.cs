using System.Security.Cryptography;
using System.Text;
using EvalHarness.Suites;

namespace EvalHarness.Datasets;

/// <summary>Reads dataset files (JSON Lines, CSV, YAML) as a stream of cases, one row at a time.</summary>
/// <remarks>
/// <para>
/// Each row is an object; the suite's <c>mapping:</c> says which path feeds each part of the case, and a part it does not
/// map is read from the field of the same name when present. <c>id</c> is text or a number, kept as written; a row
/// without one is named by the first 12 hex digits of the SHA-256 of its canonical JSON (sorted keys), so the id is
/// stable across runs and key order. <c>input</c> is text, a list of <c>{ role, content }</c> chat messages (the last
/// user message is the text input), or other JSON (used as compact JSON text). <c>expected</c> is text, null, or other
/// JSON as text. <c>context</c> and <c>tags</c> are text or lists (a wildcard path such as <c>docs[*].text</c> selects a
/// list); <c>vars</c> and <c>metadata</c> are objects; <c>assert</c> is a list of metrics in either spelling.
/// </para>
/// <para>
/// CSV specifics: every cell is text and an empty cell is null; without a <c>vars</c> column every column not starting
/// with <c>__</c> is also a variable; promptfoo's <c>__expected</c>, <c>__expected1</c>… columns hold one assertion each
/// (<c>contains: refund</c>, <c>is-json</c>, a cell without a metric prefix means <c>equals</c>).
/// </para>
/// <para>
/// Problems in a row never stop the stream: the row becomes an entry with errors (EVH007 unreadable row, EVH008 mapped
/// field missing, EVH009 duplicate id, EVH013 value of the wrong shape, or what the metric parser reports for its
/// <c>assert:</c> list) so the runner can give it an error verdict.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var options = new DatasetOptions { Mapping = suite.Mapping, Assertions = parser.Metrics, JudgeConfigured = suite.Judge is not null };
/// foreach (var entry in DatasetReader.Read(fullPath, suite.Dataset, options))
/// {
///     if (entry.Case is null) { /* an Error verdict: entry.Errors name file, line and field */ }
/// }
/// </code>
/// </example>
public static class DatasetReader
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Streams the entries of a dataset in file order, one per row, rows with errors included.</summary>
    /// <param name="path">The file to read (absolute, or relative to the current directory).</param>
    /// <param name="displayPath">The path shown in errors and in <see cref="EvalCase.Source"/>, as the user wrote it.</param>
    /// <param name="options">The mapping and assertion parsing to apply.</param>
    /// <returns>
    /// A lazy sequence: the file is opened on the first <c>MoveNext</c> and read only as far as the sequence is
    /// enumerated, so a large file is never held in memory. Each enumeration reads the file again.
    /// </returns>
    /// <exception cref="ArgumentException">An explicitly mapped path or <see cref="DatasetOptions.OutputField"/> is not a valid field path (thrown at once).</exception>
    /// <exception cref="DatasetException">
    /// Thrown by the first <c>MoveNext</c> when the file does not exist or has an unsupported extension, and by any
    /// <c>MoveNext</c> when reading fails; the error carries code <c>EVH006</c> and <paramref name="displayPath"/>.
    /// </exception>
    public static IEnumerable<DatasetEntry> Read(string path, string displayPath, DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        DatasetParser.Validate(displayPath, options);
        return ReadEntries(path, displayPath, options);
    }

    /// <summary>The format of a dataset file, from its extension (any letter case).</summary>
    /// <remarks><c>.jsonl</c> and <c>.ndjson</c> are JSON Lines, <c>.csv</c> is CSV, <c>.yaml</c> and <c>.yml</c> are YAML.</remarks>
    /// <exception cref="DatasetException">Any other extension (code <c>EVH006</c>), with the list of supported ones.</exception>
    public static DatasetFormat DetectFormat(string path) => DatasetParser.FormatOf(path, path);

    /// <summary>The SHA-256 of the file's bytes as <c>sha256:&lt;64 lowercase hex digits&gt;</c>, read as a stream.</summary>
    /// <remarks>Recorded in baselines as provenance: a different hash means the cases may have changed.</remarks>
    /// <exception cref="DatasetException">The file does not exist or cannot be read (code <c>EVH006</c>).</exception>
    public static string ComputeHash(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = Open(path, path);
        try
        {
            return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (IOException ex)
        {
            throw Unreadable(path, ex);
        }
    }

    private static IEnumerable<DatasetEntry> ReadEntries(string path, string displayPath, DatasetOptions options)
    {
        var format = DatasetParser.FormatOf(path, displayPath);
        using var text = new StreamReader(Open(path, displayPath), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize);
        using var entries = DatasetParser.ReadEntries(text, format, displayPath, options).GetEnumerator();
        while (MoveNext(entries, displayPath))
        {
            yield return entries.Current;
        }
    }

    private static bool MoveNext(IEnumerator<DatasetEntry> entries, string displayPath)
    {
        try
        {
            return entries.MoveNext();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(displayPath, ex);
        }
    }

    private static FileStream Open(string path, string displayPath)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetException(FileError(displayPath, "the dataset file does not exist (looked for '" + Path.GetFullPath(path) + "')"), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(displayPath, ex);
        }
    }

    private static DatasetException Unreadable(string displayPath, Exception ex) =>
        new(FileError(displayPath, "the dataset file cannot be read: " + ex.Message), ex);

    private static ConfigError FileError(string displayPath, string message) => DatasetParser.FileError(displayPath, message);
}
