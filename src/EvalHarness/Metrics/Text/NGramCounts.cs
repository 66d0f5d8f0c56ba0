namespace EvalHarness.Metrics.Text;

/// <summary>Counts the n-grams (n ≤ 4) of a token-id sequence; reusable to avoid allocating a dictionary per reference.</summary>
internal sealed class NGramCounts
{
    private readonly Dictionary<(int, int, int, int), int> _counts = [];

    public IEnumerable<KeyValuePair<(int, int, int, int), int>> Entries => _counts;

    public int Total { get; private set; }

    public void Count(ReadOnlySpan<int> tokens, int n)
    {
        _counts.Clear();
        _counts.EnsureCapacity(tokens.Length);
        Total = 0;
        for (var i = 0; i + n <= tokens.Length; i++)
        {
            var key = Key(tokens, i, n);
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            Total++;
        }
    }

    public int Get((int, int, int, int) key) => _counts.GetValueOrDefault(key);

    private static (int, int, int, int) Key(ReadOnlySpan<int> tokens, int start, int n) =>
        (tokens[start], n > 1 ? tokens[start + 1] : -1, n > 2 ? tokens[start + 2] : -1, n > 3 ? tokens[start + 3] : -1);
}
