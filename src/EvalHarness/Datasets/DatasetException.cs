using EvalHarness.Suites;

namespace EvalHarness.Datasets;

/// <summary>A dataset file as a whole cannot be read: it does not exist, cannot be opened, or has an unsupported format.</summary>
/// <remarks>Problems in single rows are not exceptions; they are reported in <see cref="DatasetEntry.Errors"/>.</remarks>
public sealed class DatasetException : Exception
{
    /// <summary>Creates an exception carrying <paramref name="error"/>.</summary>
    public DatasetException(ConfigError error, Exception? innerException = null)
        : base(error?.ToString(), innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The error, with code <see cref="ConfigErrorCode.DatasetMissing"/> (<c>EVH006</c>) and the file as location.</summary>
    public ConfigError Error { get; }
}
