using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Datasets;
using EvalHarness.Metrics;

namespace EvalHarness.Judging;

/// <summary>The parts of a judge metric's result every judge metric builds the same way: provenance, early outcomes, failures, usage, calibration.</summary>
internal static class JudgeResults
{
    /// <summary>Provenance details every judge result carries.</summary>
    public static Dictionary<string, string> Provenance(JudgeSpec spec, JudgeCallSettings? settings)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [JudgeDetails.MetricVersion] = spec.Definition.Id,
            [JudgeDetails.Prompt] = spec.Prompt.Source,
            [JudgeDetails.PromptHash] = spec.Prompt.Hash,
        };
        if (settings?.Model is { } model)
        {
            details[JudgeDetails.Model] = model;
        }

        if (spec.RubricHash is { } rubric)
        {
            details[JudgeDetails.RubricHash] = rubric;
        }

        return details;
    }

    /// <summary>The result when the case is not judged at all: not sampled (inconclusive), or no judge bound (error). Null when it is judged.</summary>
    public static MetricResult? Before(JudgeSpec spec, JudgeConfiguration? judge, EvalCase @case)
    {
        if (!CaseSampler.IsSampled(@case.Id, spec.SampleRate))
        {
            var details = Provenance(spec, null);
            details[JudgeDetails.SampleRate] = F(spec.SampleRate);
            details[JudgeDetails.SamplePosition] = F(CaseSampler.Position(@case.Id));
            return new MetricResult
            {
                Name = spec.Name,
                Verdict = Verdict.Inconclusive,
                Reason = "not sampled: this metric judges a fraction " + F(spec.SampleRate) + " of cases by case-id hash, and this case's position is " +
                    F(CaseSampler.Position(@case.Id)),
                Details = details,
            };
        }

        if (judge is null)
        {
            return MetricResult.Error(spec.Name, "no judge is bound to this metric: the host must create judge metrics with MetricRegistry.Create(spec, judge) " +
                "or bind them with JudgeConfiguration.Bind", Provenance(spec, null));
        }

        return null;
    }

    /// <summary>The result of a <see cref="JudgeFailure"/>: its verdict and reason, and the raw judge text (usage is added by <see cref="Finish"/>).</summary>
    public static MetricResult Failed(JudgeSpec spec, JudgeFailure failure, Dictionary<string, string> details)
    {
        details[JudgeDetails.ErrorKind] = failure.Kind;
        if (failure.Raw is { } raw)
        {
            details[JudgeDetails.Raw] = raw;
        }

        if (failure.RepairRaw is { } repair)
        {
            details[JudgeDetails.RepairRaw] = repair;
        }

        return new MetricResult
        {
            Name = spec.Name,
            Verdict = failure.Verdict,
            Reason = failure.Message,
            Details = details,
            IsInfrastructureError = failure.IsInfrastructure,
        };
    }

    /// <summary>Adds the judge's usage and the case's calibration label to a finished result.</summary>
    public static MetricResult Finish(JudgeSpec spec, MetricResult result, JudgeUsageMeter meter, EvalCase @case)
    {
        var details = result.Details as Dictionary<string, string> ?? new Dictionary<string, string>(result.Details, StringComparer.Ordinal);
        if (meter.Calls > 0)
        {
            details[JudgeDetails.Calls] = meter.Calls.ToString(CultureInfo.InvariantCulture);
        }

        if (spec.Calibration is { } calibration)
        {
            Label(spec, calibration, result, @case, details);
        }

        return result with { Details = details, JudgeMeasurements = meter.ToMeasurements() };
    }

    public static string F(double value) => MetricParameters.Format(value);

    private static void Label(JudgeSpec spec, CalibrationSettings calibration, MetricResult result, EvalCase @case, Dictionary<string, string> details)
    {
        if (!JsonFieldPath.TrySelect(@case.Fields, calibration.LabelField, out var matches) || matches.Count != 1 || matches[0] is null)
        {
            return;
        }

        if (ReadLabel(matches[0]!, spec) is not { } human)
        {
            details[JudgeDetails.LabelError] = "field '" + calibration.LabelField + "' is " + matches[0]!.ToJsonString() + " (" + @case.Source +
                "); use true/false, pass/fail, yes/no, or a score on " + spec.Definition.Scale.Describe();
            return;
        }

        details[JudgeDetails.HumanLabel] = human ? "pass" : "fail";
        if (result.Verdict is Verdict.Pass or Verdict.Fail)
        {
            details[JudgeDetails.Agrees] = (result.Verdict == Verdict.Pass) == human ? "true" : "false";
        }
    }

    // A number is read on the metric's own scale and compared with its threshold, like the judge's score.
    private static bool? ReadLabel(JsonNode node, JudgeSpec spec)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number when double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && spec.Definition.Scale.Contains(number):
                return spec.Definition.Scale.Normalise(number) >= spec.Threshold;
            case JsonValueKind.String:
                return value.GetValue<string>().Trim().ToLowerInvariant() switch
                {
                    "pass" or "true" or "yes" or "good" => true,
                    "fail" or "false" or "no" or "bad" => false,
                    _ => null,
                };
            default:
                return null;
        }
    }
}
