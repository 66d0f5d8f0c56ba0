namespace EvalHarness.Suites;

/// <summary>Where a metric takes the value it compares the output with.</summary>
public enum ValueSource
{
    /// <summary>The metric needs no comparison value.</summary>
    None,

    /// <summary>Exactly one of <c>value:</c> (a literal) or <c>field:</c> (a field of each case) is required.</summary>
    ValueOrField,

    /// <summary>Like <see cref="ValueOrField"/>, but when both are absent the case's <c>expected</c> is used.</summary>
    ValueOrFieldOrExpected,
}
