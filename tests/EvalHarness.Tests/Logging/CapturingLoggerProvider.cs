using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EvalHarness.Tests.Logging;

/// <summary>A log sink that keeps every entry it is handed, as a structured provider (JSON console, OpenTelemetry) would see it.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedEntry> _entries = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<CapturedEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToList() : [];
            var scopes = new List<object?>();
            provider._scopes?.ForEachScope((scope, list) => list.Add(scope), scopes);
            provider._entries.Enqueue(new CapturedEntry(logLevel, category, eventId.Id, formatter(state, exception), values, exception?.Message,
                exception?.ToString(), [.. scopes.Select(s => s?.ToString() + " " + string.Join(" ", (s as IEnumerable<KeyValuePair<string, object?>>)?.Select(p => p.Value) ?? []))]));
        }
    }
}

/// <summary>One captured log entry.</summary>
internal sealed record CapturedEntry(LogLevel Level, string Category, int EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State,
    string? ExceptionMessage, string? ExceptionText, IReadOnlyList<string> Scopes)
{
    public object? this[string name] => State.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>Everything a sink could write for this entry.</summary>
    public string AllText => string.Join("\n", [Message, .. State.Select(p => p.Key + "=" + p.Value), ExceptionMessage, ExceptionText, .. Scopes]);
}
