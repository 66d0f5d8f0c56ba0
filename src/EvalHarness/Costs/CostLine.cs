namespace EvalHarness.Costs;

/// <summary>One row of a cost breakdown: a model, a suite or a tag, and what its calls cost.</summary>
/// <param name="Key">The model id, suite name or tag.</param>
/// <param name="Cost">The calls' cost.</param>
/// <param name="Cases">How many cases the row covers.</param>
/// <param name="PassingCases">How many of them passed.</param>
public sealed record CostLine(string Key, CostFigure Cost, int Cases, int PassingCases)
{
    /// <summary>The cost divided by the passing cases, or null when no call was made, the cost is unknown or no case passed.</summary>
    public decimal? PerPassingCase => Cost.Calls > 0 && Cost.Usd is { } usd && PassingCases > 0 ? usd / PassingCases : null;
}
