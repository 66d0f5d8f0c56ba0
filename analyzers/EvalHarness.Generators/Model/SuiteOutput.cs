namespace EvalHarness.Generators.Model;

/// <summary>One suite with everything its generated source depends on.</summary>
internal sealed record SuiteOutput(SuiteModel Suite, BindingSet Bindings);
