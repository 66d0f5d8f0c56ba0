namespace EvalHarness.Cli.GitHub;

/// <summary>One annotation: where it points (repository-relative file, 1-based line and column; 0 when unknown) and what it says.</summary>
internal sealed record Annotation(AnnotationLevel Level, string? File, int Line, int Column, string Title, string Message);
