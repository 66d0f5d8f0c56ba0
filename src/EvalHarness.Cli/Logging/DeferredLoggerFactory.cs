using Microsoft.Extensions.Logging;

namespace EvalHarness.Cli.Logging;

/// <summary>
/// A logger factory that builds the real one (dependency injection, console formatters, redaction) only when the first entry at an
/// enabled level is written: most runs log nothing at the default level, and building it costs a fifth of a short run's start-up.
/// </summary>
internal sealed class DeferredLoggerFactory(LogLevel minimum, Func<ILoggerFactory> create) : ILoggerFactory
{
    private readonly Lazy<ILoggerFactory> _real = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True once the real factory exists.</summary>
    public bool Created => _real.IsValueCreated;

    public ILogger CreateLogger(string categoryName) => new DeferredLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => _real.Value.AddProvider(provider);

    // The real factory belongs to the service provider that made it, which RunLogging disposes.
    public void Dispose()
    {
    }

    private bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= minimum;

    private sealed class DeferredLogger(DeferredLoggerFactory owner, string category) : ILogger
    {
        private ILogger? _logger;

        private ILogger Real => _logger ??= owner._real.Value.CreateLogger(category);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.IsEnabled(LogLevel.Critical) ? Real.BeginScope(state) : null;

        public bool IsEnabled(LogLevel logLevel) => owner.IsEnabled(logLevel) && (_logger is null || _logger.IsEnabled(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (owner.IsEnabled(logLevel))
            {
                Real.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
