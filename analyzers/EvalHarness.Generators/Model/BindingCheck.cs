namespace EvalHarness.Generators.Model;

/// <summary>One [EvalSuite] class with the suite paths it may name, for its diagnostics.</summary>
internal sealed record BindingCheck(BindingModel Binding, SuitePaths Suites);
