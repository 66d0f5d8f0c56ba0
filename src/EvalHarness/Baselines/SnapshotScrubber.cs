using System.Globalization;
using System.Text.RegularExpressions;

namespace EvalHarness.Baselines;

/// <summary>
/// Replaces volatile values in an output snapshot with stable, numbered tokens, as Verify does: GUIDs become <c>Guid_1</c>,
/// ISO-8601 timestamps <c>DateTime_1</c>, long hexadecimal ids <c>Id_1</c> — the same value keeps its number within one snapshot, so
/// "the same id twice" still shows. Line ends become LF.
/// </summary>
public static partial class SnapshotScrubber
{
    /// <summary>Scrubs <paramref name="text"/>.</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.ReplaceLineEndings("\n");
        text = Replace(text, Guids(), "Guid");
        text = Replace(text, Timestamps(), "DateTime");
        return Replace(text, HexIds(), "Id");
    }

    private static string Replace(string text, Regex pattern, string token)
    {
        var numbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        return pattern.Replace(text, match =>
        {
            if (!numbers.TryGetValue(match.Value, out var n))
            {
                numbers[match.Value] = n = numbers.Count + 1;
            }

            return token + "_" + n.ToString(CultureInfo.InvariantCulture);
        });
    }

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Guids();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamps();

    [GeneratedRegex(@"\b[0-9a-fA-F]{24,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex HexIds();
}
