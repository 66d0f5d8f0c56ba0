using System.Buffers;

namespace EvalHarness.Metrics.Text;

/// <summary>A char buffer rented from the shared pool, so transforming a text (lower-casing, normalising) allocates nothing per character.</summary>
internal struct PooledText : IDisposable
{
    private char[]? _array;

    public PooledText(int length)
    {
        _array = ArrayPool<char>.Shared.Rent(Math.Max(1, length));
        Length = length;
    }

    public int Length { get; private set; }

    public readonly Span<char> Span => _array.AsSpan(0, Length);

    public readonly ReadOnlySpan<char> ReadOnlySpan => _array.AsSpan(0, Length);

    public void Shrink(int length) => Length = Math.Min(length, Length);

    public void Dispose()
    {
        if (_array is not null)
        {
            ArrayPool<char>.Shared.Return(_array);
            _array = null;
        }
    }
}
