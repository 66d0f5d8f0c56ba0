using System.Globalization;

namespace EvalHarness.Suites;

/// <summary>
/// A format-neutral tree of configuration values (from YAML or JSON) in which every node remembers
/// where it was written, so that every error can name file, line and column.
/// </summary>
/// <remarks>Compiled into the build-time analyzer too: netstandard2.0 APIs only.</remarks>
public sealed class ConfigNode
{
    private static readonly IReadOnlyList<KeyValuePair<string, ConfigNode>> NoEntries = new KeyValuePair<string, ConfigNode>[0];
    private static readonly IReadOnlyList<ConfigNode> NoItems = new ConfigNode[0];

    private static readonly IReadOnlyList<SourceLocation> NoLocations = new SourceLocation[0];

    private ConfigNode(ConfigNodeKind kind, SourceLocation location, string? scalar, bool quoted,
        IReadOnlyList<KeyValuePair<string, ConfigNode>>? entries, IReadOnlyList<ConfigNode>? items, IReadOnlyList<SourceLocation>? keyLocations = null)
    {
        KeyLocations = keyLocations ?? NoLocations;
        Kind = kind;
        Location = location;
        Scalar = scalar;
        IsQuoted = quoted;
        Entries = entries ?? NoEntries;
        Items = items ?? NoItems;
    }

    /// <summary>The shape of this node.</summary>
    public ConfigNodeKind Kind { get; }

    /// <summary>Where the node starts.</summary>
    public SourceLocation Location { get; }

    /// <summary>The source text of a scalar; null for other kinds.</summary>
    public string? Scalar { get; }

    /// <summary>True when the scalar was written in quotes, which makes it a string even if it looks like a number.</summary>
    public bool IsQuoted { get; }

    /// <summary>The entries of a mapping in source order; empty for other kinds.</summary>
    public IReadOnlyList<KeyValuePair<string, ConfigNode>> Entries { get; }

    /// <summary>Where each mapping key was written, parallel to <see cref="Entries"/>; empty when unknown.</summary>
    public IReadOnlyList<SourceLocation> KeyLocations { get; }

    /// <summary>The items of a sequence; empty for other kinds.</summary>
    public IReadOnlyList<ConfigNode> Items { get; }

    /// <summary>Creates a null node.</summary>
    public static ConfigNode Null(SourceLocation location) => new(ConfigNodeKind.Null, location, null, false, null, null);

    /// <summary>Creates a scalar node.</summary>
    public static ConfigNode FromScalar(string value, SourceLocation location, bool quoted = false) =>
        new(ConfigNodeKind.Scalar, location, value, quoted, null, null);

    /// <summary>Creates a mapping node.</summary>
    /// <param name="entries">The entries in source order.</param>
    /// <param name="location">Where the mapping starts.</param>
    /// <param name="keyLocations">Where each key was written (parallel to <paramref name="entries"/>), or null when unknown.</param>
    public static ConfigNode FromMapping(IReadOnlyList<KeyValuePair<string, ConfigNode>> entries, SourceLocation location,
        IReadOnlyList<SourceLocation>? keyLocations = null) =>
        new(ConfigNodeKind.Mapping, location, null, false, entries, null, keyLocations);

    /// <summary>Creates a sequence node.</summary>
    public static ConfigNode FromSequence(IReadOnlyList<ConfigNode> items, SourceLocation location) =>
        new(ConfigNodeKind.Sequence, location, null, false, null, items);

    /// <summary>Finds the value of <paramref name="key"/> in a mapping, or null.</summary>
    public ConfigNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>Where <paramref name="key"/> was written in this mapping: the key's own position when known, else its value's.</summary>
    public SourceLocation KeyLocation(string key)
    {
        for (var i = 0; i < Entries.Count; i++)
        {
            if (string.Equals(Entries[i].Key, key, StringComparison.Ordinal))
            {
                return i < KeyLocations.Count ? KeyLocations[i] : Entries[i].Value.Location;
            }
        }

        return Location;
    }

    /// <summary>Reads a scalar as an invariant-culture number.</summary>
    /// <returns>False for non-scalars, quoted scalars and text that is not a finite number.</returns>
    public bool TryGetDouble(out double value)
    {
        value = 0;
        return Kind == ConfigNodeKind.Scalar && !IsQuoted &&
            double.TryParse(Scalar, NumberStyles.Float, CultureInfo.InvariantCulture, out value) &&
            !double.IsNaN(value) && !double.IsInfinity(value);
    }

    /// <summary>Reads a scalar as an invariant-culture 32-bit integer.</summary>
    public bool TryGetInt32(out int value)
    {
        value = 0;
        return Kind == ConfigNodeKind.Scalar && !IsQuoted &&
            int.TryParse(Scalar, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads a scalar as a YAML 1.2 core-schema boolean (<c>true</c>/<c>false</c>, any case).</summary>
    public bool TryGetBoolean(out bool value)
    {
        value = false;
        if (Kind != ConfigNodeKind.Scalar || IsQuoted)
        {
            return false;
        }

        if (string.Equals(Scalar, "true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        return string.Equals(Scalar, "false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A short description of the node's kind for error messages.</summary>
    public string Describe() => Kind switch
    {
        ConfigNodeKind.Null => "null",
        ConfigNodeKind.Mapping => "a mapping",
        ConfigNodeKind.Sequence => "a list",
        _ => "'" + Scalar + "'",
    };
}
