using System.Collections.Concurrent;

namespace EvalHarness.Running;

/// <summary>
/// Hands out one shared instance of strings that repeat across a run's cases (metric reasons, model ids), so a 100k-case run keeps one
/// copy of "output is valid JSON (object)", not 100k. Bounded: past <see cref="MaxEntries"/> distinct strings, new ones are kept as they are.
/// </summary>
internal sealed class SharedStrings
{
    /// <summary>How many distinct strings are pooled at most.</summary>
    public const int MaxEntries = 4096;

    // Longer strings are rarely repeated exactly and would make the pool itself large.
    private const int MaxLength = 200;
    private readonly ConcurrentDictionary<string, string> _pool = new(StringComparer.Ordinal);

    /// <summary>The pooled instance equal to <paramref name="value"/>, or <paramref name="value"/> itself.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public string? Share(string? value)
    {
        if (value is null || value.Length == 0 || value.Length > MaxLength)
        {
            return value;
        }

        if (_pool.TryGetValue(value, out var shared))
        {
            return shared;
        }

        return _pool.Count < MaxEntries ? _pool.GetOrAdd(value, value) : value;
    }
}
