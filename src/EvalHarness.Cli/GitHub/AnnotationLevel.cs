namespace EvalHarness.Cli.GitHub;

/// <summary>The annotation commands GitHub shows on a pull request's files.</summary>
internal enum AnnotationLevel
{
    Error,
    Warning,
    Notice,
}
