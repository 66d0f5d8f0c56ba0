namespace EvalHarness.Recording;

/// <summary>A recording is missing (in replay mode) or fails its integrity check; the case's verdict is <see cref="Verdict.Error"/>.</summary>
public sealed class RecordingException(string message) : Exception(message);
