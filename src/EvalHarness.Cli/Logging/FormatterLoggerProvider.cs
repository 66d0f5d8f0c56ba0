using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace EvalHarness.Cli.Logging;

/// <summary>
/// Writes log entries with one of the console formatters (simple or JSON) to any <see cref="TextWriter"/>: stderr for the command, a file
/// for <c>log.jsonl</c>, a <see cref="StringWriter"/> in tests. The console provider itself can only write to the process's console.
/// </summary>
/// <param name="formatter">The built-in formatter to write with.</param>
/// <param name="writer">Where entries go; each entry is written whole, under a lock, and flushed.</param>
/// <param name="ownsWriter">Whether disposing the provider disposes <paramref name="writer"/>.</param>
internal sealed class FormatterLoggerProvider(ConsoleFormatter formatter, TextWriter writer, bool ownsWriter) : ILoggerProvider, ISupportExternalScope
{
    private readonly Lock _sync = new();
    private IExternalScopeProvider? _scopes;
    private bool _disposed;

    public ILogger CreateLogger(string categoryName) => new Writer(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
            writer.Flush();
            if (ownsWriter)
            {
                writer.Dispose();
            }
        }
    }

    private void Write<TState>(in LogEntry<TState> entry)
    {
        // Formatted outside the lock, written inside it: parallel cases never interleave within a line.
        using var buffer = new StringWriter();
        formatter.Write(in entry, _scopes, buffer);
        var text = buffer.ToString();
        if (text.Length == 0)
        {
            return;
        }

        lock (_sync)
        {
            if (!_disposed)
            {
                writer.Write(text);
                writer.Flush();
            }
        }
    }

    /// <summary>One category's logger; levels are filtered by the logger factory.</summary>
    private sealed class Writer(FormatterLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
            }
        }
    }
}
