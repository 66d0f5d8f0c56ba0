namespace EvalHarness.Suites;

/// <summary>The shape of a <see cref="ConfigNode"/>.</summary>
public enum ConfigNodeKind
{
    /// <summary>An explicit null (<c>~</c>, <c>null</c>) or an empty value.</summary>
    Null,

    /// <summary>A string, number or boolean, kept as its source text.</summary>
    Scalar,

    /// <summary>A key/value map whose keys keep their source order.</summary>
    Mapping,

    /// <summary>A list.</summary>
    Sequence,
}
