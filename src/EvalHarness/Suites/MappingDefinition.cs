namespace EvalHarness.Suites;

/// <summary>
/// Which dataset field feeds each part of an <c>EvalCase</c>. Values are paths: a field name (<c>question</c>),
/// a dotted path (<c>meta.lang</c>), an index (<c>turns[0].text</c>) or a wildcard (<c>docs[*].text</c>).
/// </summary>
/// <remarks>A part the suite does not map uses the field of the same name; only explicitly mapped fields must exist in every row.</remarks>
public sealed class MappingDefinition
{
    /// <summary>The parts a mapping may name.</summary>
    public static readonly IReadOnlyList<string> Keys = new[] { "id", "input", "expected", "context", "tags", "vars", "metadata", "assert" };

    private readonly Dictionary<string, string> _explicit;

    /// <summary>Creates a mapping from the explicitly written entries.</summary>
    public MappingDefinition(IReadOnlyDictionary<string, string> explicitEntries)
    {
        _explicit = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in explicitEntries)
        {
            _explicit[entry.Key] = entry.Value;
        }
    }

    /// <summary>The path for <paramref name="part"/>: the explicit one, else the part's own name.</summary>
    public string PathOf(string part) => _explicit.TryGetValue(part, out var path) ? path : part;

    /// <summary>True when the suite maps <paramref name="part"/> explicitly, so it must exist in every row.</summary>
    public bool IsExplicit(string part) => _explicit.ContainsKey(part);

    /// <summary>The explicit entries, sorted by part name.</summary>
    public IEnumerable<KeyValuePair<string, string>> ExplicitEntries => _explicit.OrderBy(e => e.Key, StringComparer.Ordinal);
}
