namespace EvalHarness.Recording;

/// <summary>Carries the id of the case being run through async calls, so recordings can be named after their case.</summary>
public static class RecordingScope
{
    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>The id of the case whose calls are in flight on this async flow, or null.</summary>
    public static string? CaseId => Current.Value;

    /// <summary>Sets the case id for the calls made until the returned scope is disposed.</summary>
    public static IDisposable Enter(string caseId)
    {
        var previous = Current.Value;
        Current.Value = caseId;
        return new Scope(previous);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
