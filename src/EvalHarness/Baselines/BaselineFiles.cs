using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace EvalHarness.Baselines;

/// <summary>
/// Names and moves the files of a suite's <c>baselines/</c> folder: the verified baseline <c>&lt;suite&gt;.baseline.json</c>, output
/// snapshots <c>&lt;suite&gt;.&lt;case&gt;.verified.txt</c>, and the <c>.received.</c> files a differing run writes beside them.
/// </summary>
public static partial class BaselineFiles
{
    private const int MaxCaseNameLength = 80;

    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>The verified baseline: <c>&lt;suite&gt;.baseline.json</c>.</summary>
    public static string VerifiedBaseline(string directory, string suite) => Path.Combine(directory, suite + ".baseline.json");

    /// <summary>The baseline a differing run proposes: <c>&lt;suite&gt;.baseline.received.json</c>.</summary>
    public static string ReceivedBaseline(string directory, string suite) => Path.Combine(directory, suite + ".baseline.received.json");

    /// <summary>A case's verified output snapshot: <c>&lt;suite&gt;.&lt;case&gt;.verified.txt</c>.</summary>
    public static string VerifiedSnapshot(string directory, string suite, string caseId) =>
        Path.Combine(directory, suite + "." + CaseFileName(caseId) + ".verified.txt");

    /// <summary>A case's received output snapshot: <c>&lt;suite&gt;.&lt;case&gt;.received.txt</c>.</summary>
    public static string ReceivedSnapshot(string directory, string suite, string caseId) =>
        Path.Combine(directory, suite + "." + CaseFileName(caseId) + ".received.txt");

    /// <summary>
    /// A case id made safe as part of a file name on every platform: characters other than letters, digits, '-' and '_' become '_',
    /// and ids that had to change, contain capitals (case-insensitive file systems), are reserved device names or are long get a short
    /// hash of the original id, so two ids never share a file.
    /// </summary>
    public static string CaseFileName(string caseId)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        var safe = UnsafeCharacters().Replace(caseId, "_");
        var needsHash = safe != caseId || safe.Length == 0 || safe.Any(char.IsUpper) || ReservedNames.Contains(safe) || safe.Length > MaxCaseNameLength;
        if (!needsHash)
        {
            return safe;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(caseId)))[..8];
        return (safe.Length > MaxCaseNameLength - 9 ? safe[..(MaxCaseNameLength - 9)] : safe) + "-" + hash;
    }

    /// <summary>Every received file of <paramref name="suite"/> in <paramref name="directory"/>, sorted.</summary>
    public static IReadOnlyList<string> Received(string directory, string suite)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, suite + ".*")
            .Where(f => VerifiedFor(f, suite) is not null)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Every verified snapshot file of <paramref name="suite"/> in <paramref name="directory"/>, sorted.</summary>
    public static IReadOnlyList<string> VerifiedSnapshots(string directory, string suite) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, suite + ".*.verified.txt").Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>The verified file a received file replaces when accepted, or null when <paramref name="receivedPath"/> is not a received file of the suite.</summary>
    public static string? VerifiedFor(string receivedPath, string suite)
    {
        ArgumentNullException.ThrowIfNull(receivedPath);
        var name = Path.GetFileName(receivedPath);
        var directory = Path.GetDirectoryName(receivedPath) ?? string.Empty;
        if (name == suite + ".baseline.received.json")
        {
            return VerifiedBaseline(directory, suite);
        }

        return name.StartsWith(suite + ".", StringComparison.Ordinal) && name.EndsWith(".received.txt", StringComparison.Ordinal)
            ? Path.Combine(directory, name[..^".received.txt".Length] + ".verified.txt")
            : null;
    }

    /// <summary>Accepts every received file of the suite: each replaces its verified file.</summary>
    /// <returns>The verified files written.</returns>
    public static IReadOnlyList<string> Accept(string directory, string suite)
    {
        var accepted = new List<string>();
        foreach (var received in Received(directory, suite))
        {
            var verified = VerifiedFor(received, suite)!;
            File.Move(received, verified, overwrite: true);
            accepted.Add(verified);
        }

        return accepted;
    }

    /// <summary>Rejects every received file of the suite: each is deleted, the verified files stay.</summary>
    /// <returns>The received files deleted.</returns>
    public static IReadOnlyList<string> Reject(string directory, string suite)
    {
        var rejected = Received(directory, suite);
        foreach (var received in rejected)
        {
            File.Delete(received);
        }

        return rejected;
    }

    /// <summary>
    /// Writes canonical text: UTF-8 without a byte-order mark, LF line ends, creating the folder when needed. The text goes to a temporary
    /// file that is then renamed over <paramref name="path"/>, so a killed process leaves the old file or the new one, never half of one.
    /// </summary>
    public static void Write(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..8] + ".tmp";
        File.WriteAllText(temp, text.ReplaceLineEndings("\n"), new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a file as text with LF line ends, or null when it does not exist.</summary>
    public static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;

    /// <summary>Deletes a file when it exists.</summary>
    public static void Delete(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex("[^A-Za-z0-9_-]", RegexOptions.CultureInvariant)]
    private static partial Regex UnsafeCharacters();
}
