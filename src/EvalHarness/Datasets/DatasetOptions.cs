using EvalHarness.Suites;

namespace EvalHarness.Datasets;

/// <summary>How <see cref="DatasetReader"/> turns dataset rows into <see cref="EvalCase"/>s.</summary>
public sealed class DatasetOptions
{
    /// <summary>Which row field feeds each part of a case (the suite's <c>mapping:</c>).</summary>
    /// <remarks>Every explicitly mapped path must be valid <see cref="FieldPath"/> syntax and must exist in every row.</remarks>
    public required MappingDefinition Mapping { get; init; }

    /// <summary>Parses each row's <c>assert:</c> list; use the suite parser's <see cref="SuiteParser.Metrics"/> so custom metrics are known.</summary>
    public required MetricSpecParser Assertions { get; init; }

    /// <summary>Whether the suite configures a judge; judge metrics in a row's <c>assert:</c> list are errors when false.</summary>
    public bool JudgeConfigured { get; init; }

    /// <summary>Whether every row must have an input.</summary>
    /// <remarks>
    /// Defaults to true. Set it to false when outputs come from the dataset (<c>target: { output: … }</c>) and the suite
    /// does not map <c>input</c>: a row without an input then gets an empty <see cref="EvalCase.Input"/>. An explicitly
    /// mapped input is required either way.
    /// </remarks>
    public bool InputRequired { get; init; } = true;

    /// <summary>The field holding outputs already produced (<c>target: { output: &lt;field&gt; }</c>), or null when the target is called.</summary>
    /// <remarks>When set, a row without this field is an error (<c>EVH008</c>); a JSON null value is accepted.</remarks>
    public string? OutputField { get; init; }
}
