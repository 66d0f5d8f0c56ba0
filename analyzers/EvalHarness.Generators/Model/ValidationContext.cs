namespace EvalHarness.Generators.Model;

/// <summary>What every suite is validated against: the dataset and prompt files, and the C#-registered metric names.</summary>
/// <param name="Files">The non-suite AdditionalFiles.</param>
/// <param name="CustomMetrics">$(EvalHarnessCustomMetrics), names separated by ';' or ','.</param>
internal sealed record ValidationContext(AdditionalFileSet Files, string CustomMetrics);
