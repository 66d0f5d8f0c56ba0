namespace EvalHarness.Cli.Doctor;

/// <summary>One thing <c>evalharness doctor</c> checked: what, how it stands, and how to fix it when it does not.</summary>
internal sealed record Finding(FindingLevel Level, string Check, string Message, string? Fix = null);
