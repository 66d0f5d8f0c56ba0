namespace EvalHarness.Generators.Model;

/// <summary>MSBuild properties the generator reads: the root namespace and the folder suite paths are relative to.</summary>
/// <param name="RootNamespace">The project's root namespace.</param>
/// <param name="Root">$(EvalHarnessRoot), default the project folder, with a trailing separator.</param>
internal sealed record ProjectOptions(string RootNamespace, string Root);
