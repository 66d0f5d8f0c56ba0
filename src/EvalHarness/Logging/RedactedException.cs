namespace EvalHarness.Logging;

/// <summary>Stands in for an exception in a log entry: its message and full text are the original's with secrets masked.</summary>
/// <remarks>Providers write <see cref="Exception.ToString"/> (type, message, inner exceptions, stack trace), which is where a key in a message would leak.</remarks>
internal sealed class RedactedException(Exception original) : Exception(SecretRedaction.Redact(original.Message))
{
    public Exception Original => original;

    public override string? StackTrace => original.StackTrace;

    public override string ToString() => SecretRedaction.Redact(original.ToString());
}
