using System.Collections.Concurrent;

namespace EvalHarness.Judging;

/// <summary>A rubric's evaluation steps, derived by the judge once per rubric and judge model (G-Eval) and shared by every case of the run.</summary>
/// <remarks>
/// The derivation is itself a recorded model call, so a replayed run uses the very steps the recording run derived. A derivation that
/// fails is not cached: the next case tries again.
/// </remarks>
internal sealed class RubricSteps
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Derived>>> _cache = new(StringComparer.Ordinal);

    /// <summary>The steps for <paramref name="key"/>, deriving them with <paramref name="derive"/> unless another case already has.</summary>
    /// <returns>The steps, and the derivation's usage when this caller ran it (null when the steps came from the cache).</returns>
    public async Task<(IReadOnlyList<string> Steps, JudgeUsageMeter? Usage)> GetAsync(string key, Func<Task<Derived>> derive)
    {
        var mine = new Lazy<Task<Derived>>(derive);
        var entry = _cache.GetOrAdd(key, mine);
        try
        {
            var derived = await entry.Value.ConfigureAwait(false);
            return (derived.Steps, ReferenceEquals(entry, mine) ? derived.Usage : null);
        }
        catch
        {
            _cache.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }

    /// <summary>Derived steps and what deriving them cost.</summary>
    public sealed record Derived(IReadOnlyList<string> Steps, JudgeUsageMeter Usage);
}
