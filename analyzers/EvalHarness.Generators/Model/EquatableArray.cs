using System.Collections;
using System.Collections.Immutable;

namespace EvalHarness.Generators.Model;

/// <summary>An immutable array compared by its elements, so pipeline models stay value-equatable and incremental steps cache.</summary>
/// <remarks>
/// A class, not a struct: Roslyn's incremental tables are generic over the item type, and only reference-type items share the
/// compiler's precompiled code; every value-type item type costs the JIT hundreds of methods in each csc process.
/// </remarks>
internal sealed class EquatableArray<T>(ImmutableArray<T> items) : IEquatable<EquatableArray<T>>, IEnumerable<T>
    where T : IEquatable<T>
{
    public static EquatableArray<T> Empty { get; } = new(ImmutableArray<T>.Empty);

    public ImmutableArray<T> Items { get; } = items.IsDefault ? ImmutableArray<T>.Empty : items;

    public int Length => Items.Length;

    public bool Equals(EquatableArray<T>? other) => other is not null && Items.SequenceEqual(other.Items);

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 17;
        foreach (var item in Items)
        {
            hash = unchecked((hash * 31) + (item?.GetHashCode() ?? 0));
        }

        return hash;
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
