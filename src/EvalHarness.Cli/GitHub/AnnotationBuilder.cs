using EvalHarness.Running;

namespace EvalHarness.Cli.GitHub;

/// <summary>
/// The annotations of a run: configuration errors where they were found; each gate check that failed (error) or is undecided or a warning
/// (warning) at its rule in the suite file; and each failing, erroring or regressed case at its dataset line — an error when the suite's gate
/// failed, a warning when the gate passed despite it.
/// </summary>
internal static class AnnotationBuilder
{
    private const int MaxMessage = 1000;

    public static IReadOnlyList<Annotation> Build(RunResult run, RepositoryPaths paths)
    {
        var annotations = new List<Annotation>();
        foreach (var suite in run.Suites)
        {
            var suiteFile = paths.Relative(suite.File);
            var failed = suite.Verdict is Verdict.Fail or Verdict.Error;
            foreach (var error in suite.ConfigurationErrors)
            {
                annotations.Add(new Annotation(AnnotationLevel.Error, error.Location.File.Length == 0 ? suiteFile : paths.Relative(error.Location.File),
                    error.Location.Line, error.Location.Column, suite.Name + ": " + error.Code, Field(error.Field) + error.Message));
            }

            var regressionChecks = new List<string>();
            var criticalRegression = false;
            foreach (var check in suite.Gate.Checks)
            {
                var warning = check.Verdict == Verdict.Pass && check.Reason.StartsWith("warning:", StringComparison.Ordinal);
                if (check.Verdict == Verdict.Pass && !warning)
                {
                    continue;
                }

                if (check.Name.StartsWith("regression.", StringComparison.Ordinal) && (check.Verdict == Verdict.Fail || warning))
                {
                    regressionChecks.Add(check.Name["regression.".Length..]);
                    criticalRegression |= check.Verdict == Verdict.Fail;
                }

                var (line, column) = GateRuleLocator.Find(paths.Full(suite.File), check.Name);
                var level = check.Verdict is Verdict.Fail or Verdict.Error ? AnnotationLevel.Error : AnnotationLevel.Warning;
                annotations.Add(new Annotation(level, suiteFile, line, column, suite.Name + ": gate " + check.Name + " " + Word(check.Verdict, warning),
                    Truncate(check.Reason)));
            }

            if (suite.Dataset is not { } dataset)
            {
                continue;
            }

            var regressed = RegressedCases.Find(suite, paths.Full(suite.File), run.Shard, regressionChecks);
            var datasetFile = paths.Relative(dataset);
            foreach (var c in suite.Cases)
            {
                var bad = c.Verdict is Verdict.Fail or Verdict.Error && c.ErrorKind != CaseErrorKind.Excluded;
                var worse = regressed.TryGetValue(c.Id, out var metrics) ? metrics : null;
                if (!bad && worse is null)
                {
                    continue;
                }

                var parts = new List<string>();
                if (bad)
                {
                    parts.Add(c.Error ?? string.Join("; ", c.Metrics.Where(m => m.Verdict != Verdict.Pass).Select(m => m.Name + ": " + m.Reason)));
                }

                if (worse is not null)
                {
                    parts.Add("regressed against the baseline on " + string.Join(", ", worse));
                }

                var level = (bad && failed) || (worse is not null && criticalRegression) ? AnnotationLevel.Error : AnnotationLevel.Warning;
                var title = suite.Name + ": " + (bad ? c.Verdict.ToContractString() : "regressed") + (bad && worse is not null ? ", regressed" : string.Empty) + " " + c.Id;
                annotations.Add(new Annotation(level, datasetFile, c.Line, 0, title, Truncate(string.Join(" — ", parts))));
            }
        }

        return annotations;
    }

    private static string Field(string field) => field.Length == 0 ? string.Empty : field + ": ";

    private static string Word(Verdict verdict, bool warning) => warning ? "warning" : verdict.ToContractString();

    private static string Truncate(string text) => text.Length <= MaxMessage ? text : text[..MaxMessage] + "…";
}
