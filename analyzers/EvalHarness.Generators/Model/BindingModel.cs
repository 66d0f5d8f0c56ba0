namespace EvalHarness.Generators.Model;

/// <summary>An <c>[EvalSuite]</c> class: where it lives, what it binds and how to call its <c>[EvalTarget]</c>.</summary>
/// <param name="Namespace">The class's namespace, or empty for the global namespace.</param>
/// <param name="ClassName">The class's name (with type parameters none: generic classes are rejected).</param>
/// <param name="SuitePath">The path written in the attribute.</param>
/// <param name="FixtureTypes">Fully qualified constructor parameter types, each injected as an xUnit class fixture.</param>
/// <param name="TargetMethod">The <c>[EvalTarget]</c> method's name, or null when missing or invalid.</param>
/// <param name="TargetTakesCancellation">Whether the target method takes a CancellationToken.</param>
/// <param name="TargetIsValueTask">Whether the target method returns ValueTask (adapted with AsTask()).</param>
/// <param name="AttributeLocation">Where the attribute's path argument is, for EVH001.</param>
/// <param name="Diagnostics">EVH012/EVH016 problems of the class.</param>
internal sealed record BindingModel(string Namespace, string ClassName, string SuitePath, EquatableArray<string> FixtureTypes,
    string? TargetMethod, bool TargetTakesCancellation, bool TargetIsValueTask, LocationInfo AttributeLocation, EquatableArray<DiagnosticInfo> Diagnostics);
