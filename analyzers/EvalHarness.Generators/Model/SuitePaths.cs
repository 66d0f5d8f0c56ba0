namespace EvalHarness.Generators.Model;

/// <summary>The paths of the project's suite files, with the options binding paths resolve against.</summary>
internal sealed record SuitePaths(EquatableArray<string> Paths, ProjectOptions Project);
