using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace EvalHarness.Generators.Model;

/// <summary>
/// The project's non-suite AdditionalFiles (datasets, prompt files), equal when it holds the same file objects — Roslyn keeps an
/// unchanged file's object across runs, so an edit elsewhere leaves the set equal and the suites cached.
/// </summary>
internal sealed class AdditionalFileSet(ImmutableArray<AdditionalText> files) : IEquatable<AdditionalFileSet>
{
    public ImmutableArray<AdditionalText> Files { get; } = files.IsDefault ? ImmutableArray<AdditionalText>.Empty : files;

    public bool Equals(AdditionalFileSet? other)
    {
        if (other is null || other.Files.Length != Files.Length)
        {
            return false;
        }

        for (var i = 0; i < Files.Length; i++)
        {
            if (!ReferenceEquals(Files[i], other.Files[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is AdditionalFileSet other && Equals(other);

    public override int GetHashCode() => Files.Length;
}
