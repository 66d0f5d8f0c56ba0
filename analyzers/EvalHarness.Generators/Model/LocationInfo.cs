using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EvalHarness.Generators.Model;

/// <summary>A diagnostic location kept as plain values (a <see cref="Location"/> would hold the syntax tree and defeat caching).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    /// <summary>A point in a non-C# file (suite or dataset), from 1-based line and column; 0 means unknown and maps to the start.</summary>
    public static LocationInfo InFile(string filePath, int line, int column)
    {
        var position = new LinePosition(Math.Max(0, line - 1), Math.Max(0, column - 1));
        return new LocationInfo(filePath, default, new LinePositionSpan(position, position));
    }

    public static LocationInfo From(Location location) =>
        new(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span);
}
