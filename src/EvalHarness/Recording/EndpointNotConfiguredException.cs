namespace EvalHarness.Recording;

/// <summary>
/// A model call was needed but no endpoint is configured. In <see cref="EvalMode.Auto"/> mode the case is skipped
/// (<see cref="Verdict.Inconclusive"/> with this reason); in live and record modes it is an error.
/// </summary>
public sealed class EndpointNotConfiguredException(string message) : Exception(message);
