using System.Runtime.CompilerServices;

namespace System.Collections.Generic;

// netstandard2.0 has no public ReferenceEqualityComparer (added in .NET 5).
internal sealed class ReferenceEqualityComparer : IEqualityComparer<object?>
{
    private ReferenceEqualityComparer()
    {
    }

    public static ReferenceEqualityComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object? obj) => RuntimeHelpers.GetHashCode(obj!);
}
