namespace EvalHarness.Suites;

/// <summary>The type a metric parameter accepts.</summary>
public enum ParameterKind
{
    /// <summary>Any scalar, read as text.</summary>
    String,

    /// <summary>A finite number.</summary>
    Number,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>One string or a list of strings.</summary>
    StringList,

    /// <summary>A .NET regular expression, compiled at load time.</summary>
    Regex,

    /// <summary>A number between 0 and 1 inclusive.</summary>
    Fraction,

    /// <summary>Any value, including mappings and lists (for example a JSON Schema).</summary>
    Any,

    /// <summary>A number, or a mapping with optional <c>min</c> and <c>max</c> numbers.</summary>
    NumberOrRange,
}
