namespace EvalHarness.Generators.Model;

/// <summary>The MSBuild properties the generator reads, split by the steps that use them.</summary>
/// <param name="Project">The root namespace and suite root.</param>
/// <param name="CustomMetrics">$(EvalHarnessCustomMetrics).</param>
internal sealed record GeneratorOptions(ProjectOptions Project, string CustomMetrics);
