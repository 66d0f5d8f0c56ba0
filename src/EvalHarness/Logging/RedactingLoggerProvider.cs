using Microsoft.Extensions.Logging;

namespace EvalHarness.Logging;

/// <summary>
/// Wraps any <see cref="ILoggerProvider"/> so that what it writes has secrets masked (<see cref="SecretRedaction"/>): the formatted
/// message, every string (or string-formatted) state value, scope values and exception text are redacted before the inner logger sees them.
/// </summary>
/// <remarks>
/// Structured providers (the JSON console formatter, OpenTelemetry) receive the state as a list of named values whose strings are
/// redacted; numbers, booleans, enums and dates pass through unchanged, any other object is replaced by its redacted
/// <see cref="object.ToString"/>. An exception is passed on as a stand-in whose <see cref="Exception.Message"/> and
/// <see cref="Exception.ToString"/> are the original's, redacted. Levels and filtering are the inner provider's.
/// </remarks>
/// <example>
/// <code>
/// using var factory = LoggerFactory.Create(b => b.AddProvider(new RedactingLoggerProvider(new MyProvider())));
/// var options = EvalRunOptions.FromEnvironment() with { LoggerFactory = factory };
/// </code>
/// </example>
/// <param name="inner">The provider that writes the redacted entries; disposed with this one.</param>
public sealed class RedactingLoggerProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
{
    private readonly ILoggerProvider _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The wrapped provider.</summary>
    public ILoggerProvider Inner => _inner;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(_inner.CreateLogger(categoryName));

    /// <summary>Hands the inner provider a scope provider that redacts each scope's state as it is pushed.</summary>
    /// <param name="scopeProvider">The logger factory's scope provider.</param>
    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (_inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(new RedactingScopeProvider(scopeProvider));
        }
    }

    /// <summary>Disposes the inner provider.</summary>
    public void Dispose() => _inner.Dispose();
}
