namespace EvalHarness.Generators.Model;

/// <summary>Every [EvalSuite] class of the project, with the options their paths resolve against.</summary>
internal sealed record BindingSet(EquatableArray<BindingModel> Bindings, ProjectOptions Project);
