namespace EvalHarness.Targets;

/// <summary>The system under test: produces one case's output.</summary>
/// <remarks>Exceptions are the case's <see cref="Verdict.Error"/> (with the exception's message as the reason), never a pass.</remarks>
public interface IEvalTarget
{
    /// <summary>Runs the system under test for <paramref name="case"/>.</summary>
    ValueTask<TargetOutput> InvokeAsync(EvalCase @case, CancellationToken cancellationToken = default);
}
