using EvalHarness.Suites;

namespace EvalHarness.Datasets;

/// <summary>One row of a dataset as read: the case it maps to, or the errors that stop it from being a case.</summary>
/// <remarks>
/// Rows with errors are entries too, with a null <see cref="Case"/>, so that every row of the file ends with a verdict
/// (an error verdict for these) and nothing is silently skipped. Blank lines of a JSON Lines or CSV file are not entries.
/// </remarks>
public sealed class DatasetEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="line">The 1-based line where the row starts.</param>
    /// <param name="id">The case id, or a stand-in for rows without a usable one (see <see cref="Id"/>).</param>
    /// <param name="case">The mapped case, or null when <paramref name="errors"/> is not empty.</param>
    /// <param name="errors">Every problem found in the row.</param>
    public DatasetEntry(int line, string id, EvalCase? @case, IReadOnlyList<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(errors);
        Line = line;
        Id = id;
        Case = @case;
        Errors = errors;
    }

    /// <summary>The 1-based line where the row starts (for YAML, the line of the item's first key).</summary>
    public int Line { get; }

    /// <summary>The case id.</summary>
    /// <remarks>
    /// The row's id as written, or the content hash when the row has none. A row that could not be parsed, or whose id
    /// field is invalid, is <c>line-&lt;n&gt;</c>; a row repeating an earlier id is <c>&lt;id&gt;@line-&lt;n&gt;</c>, so ids of
    /// entries are unique within a file.
    /// </remarks>
    public string Id { get; }

    /// <summary>The case, or null when the row has errors.</summary>
    public EvalCase? Case { get; }

    /// <summary>The row's problems, each with file, line, column and field; empty when <see cref="Case"/> is set.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }
}
