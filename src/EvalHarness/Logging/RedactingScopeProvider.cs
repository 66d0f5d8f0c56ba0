using Microsoft.Extensions.Logging;

namespace EvalHarness.Logging;

/// <summary>The logger factory's scope provider as an inner provider reads it: each scope's state is redacted as it is handed out.</summary>
/// <remarks>The factory pushes scopes into its own provider directly, so redaction happens on the way out, in <see cref="ForEachScope{TState}"/>.</remarks>
internal sealed class RedactingScopeProvider(IExternalScopeProvider inner) : IExternalScopeProvider
{
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
        inner.ForEachScope(static (scope, pair) => pair.Callback(scope is null ? null : RedactedState.ForScope(scope), pair.State), (Callback: callback, State: state));

    public IDisposable Push(object? state) => inner.Push(state);
}
