using Microsoft.Extensions.Logging;

namespace EvalHarness.Logging;

/// <summary>An <see cref="ILogger"/> that redacts each entry before the inner logger formats or stores it.</summary>
internal sealed class RedactingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(RedactedState.ForScope(state));

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);

        // Redaction costs a few regex passes: pay it only for entries that will be written.
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var message = SecretRedaction.Redact(formatter(state, exception));
        var redacted = new RedactedState(RedactedState.Values(state), message);
        inner.Log(logLevel, eventId, redacted, exception is null ? null : new RedactedException(exception), static (s, _) => s.Message);
    }
}
