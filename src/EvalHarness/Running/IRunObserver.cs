using EvalHarness.Suites;

namespace EvalHarness.Running;

/// <summary>Hears about a run's progress (for progress bars and logs). Called from worker threads; implementations must be thread-safe.</summary>
public interface IRunObserver
{
    /// <summary>A suite is about to run.</summary>
    void SuiteStarting(Suite suite);

    /// <summary>A case finished.</summary>
    void CaseCompleted(Suite suite, CaseResult result);

    /// <summary>A suite finished (or could not run).</summary>
    void SuiteCompleted(SuiteResult result);
}
