using System.Globalization;
using System.Text;

namespace EvalHarness.Reporting;

/// <summary>
/// <c>&lt;artifacts&gt;/history.jsonl</c>: one line per run, appended by <see cref="ArtifactWriter"/>, read back for the trend charts.
/// </summary>
/// <remarks>
/// History is a convenience, not a record of truth (that is each run's <c>results.json</c>): an unreadable line is skipped with a
/// warning, never an error that stops a report.
/// </remarks>
/// <param name="Entries">The readable entries, in file order.</param>
/// <param name="Warnings">One line per unreadable line, naming the file and line.</param>
public sealed record RunHistory(IReadOnlyList<HistoryEntry> Entries, IReadOnlyList<string> Warnings)
{
    /// <summary>The history file's name inside the artifacts folder.</summary>
    public const string FileName = "history.jsonl";

    /// <summary>No history.</summary>
    public static RunHistory Empty { get; } = new([], []);

    /// <summary>Reads a history file; a missing file is an empty history.</summary>
    public static RunHistory Read(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        var entries = new List<HistoryEntry>();
        var warnings = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                entries.Add(HistoryEntry.Parse(line));
            }
            catch (FormatException ex)
            {
                warnings.Add(path + "(" + number.ToString(CultureInfo.InvariantCulture) + "): skipped an unreadable history line: " + ex.Message);
            }
        }

        return new RunHistory(entries, warnings);
    }

    /// <summary>Appends one entry as one line (written in a single call, so concurrent runs do not interleave lines).</summary>
    public static void Append(string path, HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var bytes = new UTF8Encoding(false).GetBytes(entry.ToJsonLine() + "\n");
        // FileMode.Append seeks to the end once at open (no O_APPEND), so parallel shards overwrote each other's lines: writers take a lock file in turn.
        using var gate = AcquireLock(path + ".lock");
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(bytes);
    }

    private static FileStream AcquireLock(string lockPath)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 500)
            {
                Thread.Sleep(10);
            }
        }
    }
}
