namespace EvalHarness.Suites;

/// <summary>A suite or dataset is invalid. <see cref="Errors"/> lists every problem with file, line and field; the CLI exits with code 2.</summary>
public sealed class EvalConfigurationException : Exception
{
    /// <summary>Creates the exception from one or more errors.</summary>
    public EvalConfigurationException(IReadOnlyList<ConfigError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }
}
