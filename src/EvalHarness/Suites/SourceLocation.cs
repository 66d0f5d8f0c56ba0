namespace EvalHarness.Suites;

/// <summary>A position in a suite or dataset file, 1-based, as compilers and editors report it.</summary>
/// <remarks>
/// <see cref="Line"/> and <see cref="Column"/> are 0 when unknown (for example a file that could not be read at all).
/// This type is compiled into the build-time analyzer too, so it uses only netstandard2.0 APIs.
/// </remarks>
public sealed class SourceLocation : IEquatable<SourceLocation>
{
    /// <summary>Creates a location.</summary>
    /// <param name="file">The file path as the user wrote or configured it.</param>
    /// <param name="line">The 1-based line, or 0 when unknown.</param>
    /// <param name="column">The 1-based column, or 0 when unknown.</param>
    public SourceLocation(string file, int line, int column)
    {
        File = file ?? string.Empty;
        Line = line;
        Column = column;
    }

    /// <summary>The file path.</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based column, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>Formats the location as <c>file(line,col)</c>, the form MSBuild and IDEs turn into links.</summary>
    public override string ToString() =>
        Line <= 0 ? File : "" + File + "(" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + "," +
            Math.Max(1, Column).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";

    /// <inheritdoc />
    public bool Equals(SourceLocation? other) =>
        other is not null && string.Equals(File, other.File, StringComparison.Ordinal) && Line == other.Line && Column == other.Column;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SourceLocation);

    /// <inheritdoc />
    public override int GetHashCode() => unchecked((StringComparer.Ordinal.GetHashCode(File) * 397) ^ (Line * 31) ^ Column);
}
