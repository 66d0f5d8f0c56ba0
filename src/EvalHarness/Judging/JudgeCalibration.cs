using EvalHarness.Metrics;

namespace EvalHarness.Judging;

/// <summary>Judge–human agreement over a run: accuracy and Cohen's κ of a judge metric's pass/fail against the cases' human labels.</summary>
/// <remarks>
/// A suite declares labels per metric with <c>human_label: &lt;field&gt;</c> (a dataset field holding <c>true</c>/<c>false</c>,
/// <c>pass</c>/<c>fail</c>, <c>yes</c>/<c>no</c>, or a score on the metric's own scale) and may gate with <c>min_agreement</c> and <c>min_kappa</c>.
/// Each judged case carries <see cref="JudgeDetails.HumanLabel"/> and <see cref="JudgeDetails.Agrees"/>; this class adds them up.
/// κ = (p_o − p_e) / (1 − p_e), where p_o is the share of agreements and p_e = p_judge·p_human + (1 − p_judge)(1 − p_human) with
/// p_judge and p_human the shares of passes each gave.
/// </remarks>
/// <example>
/// <code>
/// foreach (var metric in suite.Metrics.OfType&lt;IJudgeMetric&gt;().Where(m => m.Calibration is not null))
/// {
///     var report = JudgeCalibration.Compute(metric.Name, metric.Calibration, cases.SelectMany(c => c.Metrics));
///     if (report.Gates) checks.Add(new GateCheck("calibration:" + metric.Name, report.Verdict, report.Reason));
/// }
/// </code>
/// </example>
public static class JudgeCalibration
{
    /// <summary>Adds up the labelled results of metric <paramref name="metric"/> (results of other metrics are ignored).</summary>
    /// <param name="metric">The metric's display name, as in <see cref="MetricResult.Name"/>.</param>
    /// <param name="settings">Its calibration settings (thresholds), or null to report without gating.</param>
    /// <param name="results">Metric results of the run's cases.</param>
    public static CalibrationReport Compute(string metric, CalibrationSettings? settings, IEnumerable<MetricResult> results)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(results);
        int labelled = 0, unscored = 0, invalid = 0, bothPass = 0, bothFail = 0, judgePassOnly = 0, humanPassOnly = 0;
        foreach (var result in results.Where(r => string.Equals(r.Name, metric, StringComparison.Ordinal)))
        {
            if (result.Details.ContainsKey(JudgeDetails.LabelError))
            {
                invalid++;
                continue;
            }

            if (!result.Details.TryGetValue(JudgeDetails.HumanLabel, out var label))
            {
                continue;
            }

            labelled++;
            var human = label == "pass";
            switch (result.Verdict)
            {
                case Verdict.Pass when human:
                    bothPass++;
                    break;
                case Verdict.Pass:
                    judgePassOnly++;
                    break;
                case Verdict.Fail when human:
                    humanPassOnly++;
                    break;
                case Verdict.Fail:
                    bothFail++;
                    break;
                default:
                    unscored++;
                    break;
            }
        }

        return Report(metric, settings, labelled, unscored, invalid, bothPass, bothFail, judgePassOnly, humanPassOnly);
    }

    /// <summary>Builds the report from the four cells of the judge × human table.</summary>
    public static CalibrationReport Report(string metric, CalibrationSettings? settings, int labelled, int unscored, int invalidLabels,
        int bothPass, int bothFail, int judgePassHumanFail, int judgeFailHumanPass)
    {
        var n = bothPass + bothFail + judgePassHumanFail + judgeFailHumanPass;
        double? accuracy = null, kappa = null;
        if (n > 0)
        {
            var observed = (double)(bothPass + bothFail) / n;
            var judgePass = (double)(bothPass + judgePassHumanFail) / n;
            var humanPass = (double)(bothPass + judgeFailHumanPass) / n;
            var chance = (judgePass * humanPass) + ((1 - judgePass) * (1 - humanPass));
            accuracy = observed;
            kappa = chance >= 1 ? null : (observed - chance) / (1 - chance);
        }

        var figures = n == 0 ? "no labelled case was scored pass or fail by the judge"
            : "judge and human agree on " + (bothPass + bothFail) + " of " + n + " labelled cases (accuracy " + F(accuracy) + ", Cohen's kappa " +
              (kappa is null ? "undefined: every case got the same label from both" : F(kappa)) + ")";
        var problems = new List<string>();
        var inconclusive = false;
        if (settings?.MinAgreement is { } minAgreement)
        {
            if (accuracy is null)
            {
                inconclusive = true;
            }
            else if (accuracy < minAgreement)
            {
                problems.Add("accuracy " + F(accuracy) + " < min_agreement " + F(minAgreement));
            }
        }

        if (settings?.MinKappa is { } minKappa)
        {
            if (kappa is null)
            {
                inconclusive = true;
            }
            else if (kappa < minKappa)
            {
                problems.Add("kappa " + F(kappa) + " < min_kappa " + F(minKappa));
            }
        }

        var verdict = problems.Count > 0 ? Verdict.Fail : inconclusive ? Verdict.Inconclusive : Verdict.Pass;
        var reason = metric + ": " + figures + (problems.Count > 0 ? "; " + string.Join("; ", problems) : string.Empty) +
            (unscored > 0 ? "; " + unscored + " labelled case(s) not scored" : string.Empty) +
            (invalidLabels > 0 ? "; " + invalidLabels + " unreadable label(s)" : string.Empty);
        return new CalibrationReport
        {
            Metric = metric,
            Labelled = labelled,
            Unscored = unscored,
            InvalidLabels = invalidLabels,
            BothPass = bothPass,
            BothFail = bothFail,
            JudgePassHumanFail = judgePassHumanFail,
            JudgeFailHumanPass = judgeFailHumanPass,
            Accuracy = accuracy,
            Kappa = kappa,
            MinAgreement = settings?.MinAgreement,
            MinKappa = settings?.MinKappa,
            Verdict = verdict,
            Reason = reason,
        };
    }

    private static string F(double? value) => value is { } v ? MetricParameters.Format(v) : "n/a";
}
