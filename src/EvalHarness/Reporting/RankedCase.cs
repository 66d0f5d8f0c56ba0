using EvalHarness.Running;

namespace EvalHarness.Reporting;

/// <summary>A case picked out by a report, for example among the lowest-scoring ones, with the suite it belongs to.</summary>
/// <param name="Suite">The suite's name.</param>
/// <param name="Case">The case.</param>
/// <param name="Score">The mean of its metric scores, or null when no metric scored it.</param>
public sealed record RankedCase(string Suite, CaseResult Case, double? Score)
{
    /// <summary>Why the case scored as it did: the reasons of its metrics that did not pass, else of all its metrics, else its error.</summary>
    public string Reasons
    {
        get
        {
            if (Case.Error is { } error)
            {
                return error;
            }

            var failing = Case.Metrics.Where(m => m.Verdict != Verdict.Pass).ToList();
            return string.Join("; ", (failing.Count > 0 ? failing : Case.Metrics).Select(m => m.Name + ": " + m.Reason));
        }
    }
}
