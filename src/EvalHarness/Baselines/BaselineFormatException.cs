namespace EvalHarness.Baselines;

/// <summary>A baseline file that cannot be read; the message names the file (and line, where known) and what is wrong.</summary>
public sealed class BaselineFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BaselineFormatException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public BaselineFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public BaselineFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
