using System.Globalization;
using EvalHarness.Datasets;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.Judging;

/// <summary>
/// A judge metric that scores one output on a scale: relevance, faithfulness, hallucination, correctness, completeness, coherence,
/// fluency, rubric (G-Eval: evaluation steps derived once per rubric) and conversation (coherence and goal completion over the turns).
/// </summary>
internal sealed class JudgeMetric(JudgeSpec spec, JudgeConfiguration? judge) : IJudgeMetric
{
    /// <inheritdoc />
    public string Name => spec.Name;

    /// <inheritdoc />
    public JudgeProvenance Provenance => spec.Provenance(judge);

    /// <inheritdoc />
    public CalibrationSettings? Calibration => spec.Calibration;

    /// <inheritdoc />
    public IJudgeMetric WithJudge(JudgeConfiguration judge) => new JudgeMetric(spec, judge);

    /// <inheritdoc />
    public async ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var @case = context.Case;
        var meter = new JudgeUsageMeter();
        if (JudgeResults.Before(spec, judge, @case) is { } early)
        {
            return JudgeResults.Finish(spec, early, meter, @case);
        }

        var settings = spec.Resolve(judge!);
        var details = JudgeResults.Provenance(spec, settings);
        MetricResult result;
        try
        {
            var values = Values(context);
            if (spec.Criteria is { } criteria)
            {
                var steps = await StepsAsync(criteria, settings, meter, cancellationToken).ConfigureAwait(false);
                values["steps"] = string.Join("\n", steps.Select((s, i) => (i + 1).ToString(CultureInfo.InvariantCulture) + ". " + s));
                details[JudgeDetails.Steps] = string.Join("\n", steps);
            }

            var scale = spec.Definition.Scale;
            var exchange = new JudgeExchange(judge!, spec, settings, meter, @case.Id);
            IReadOnlyList<ChatMessage> messages = [new ChatMessage(ChatRole.User, spec.Prompt.Render(values))];
            var replies = await Task.WhenAll(Enumerable.Range(0, settings.Samples).Select(i =>
                exchange.AskAsync(messages, exchange.Options(i, scale), scale.Format(), text => JudgeAnswerParser.Scores(text, scale), cancellationToken))).ConfigureAwait(false);

            if (replies.FirstOrDefault(r => r.Repaired) is { } repaired)
            {
                details[JudgeDetails.Repaired] = "true";
                details[JudgeDetails.Raw] = repaired.UnusableFirst!;
            }

            if (scale.Fields.Count > 1)
            {
                foreach (var field in scale.Fields)
                {
                    details["judge." + field] = string.Join(",", replies.Select(r => JudgeResults.F(r.Value.Scores[field])));
                }
            }

            result = SampleAggregation.Combine(spec.Name, replies.Select(r => (r.Value.Raw, r.Value.Reasoning)).ToArray(), settings.Aggregate, spec.Threshold,
                scale, details);
        }
        catch (JudgeFailure failure)
        {
            result = JudgeResults.Failed(spec, failure, details);
        }

        return JudgeResults.Finish(spec, result, meter, @case);
    }

    private Dictionary<string, string?> Values(MetricContext context)
    {
        var @case = context.Case;
        var inputs = spec.Definition.Inputs;
        var passages = spec.ContextOf(@case);
        string? reference = null;
        string? referenceError = null;
        if (spec.Reference is { } comparison)
        {
            if (comparison.TryResolve(@case, out var references, out var error) && references.Count > 0)
            {
                reference = string.Join("\n", references);
            }
            else
            {
                referenceError = error ?? "the reference (" + comparison.Describe() + ") is empty";
            }
        }

        if (inputs.HasFlag(JudgeInputs.Context) && passages.Count == 0)
        {
            throw Missing("needs context passages, but the case has none: map 'context:' in the suite or give the metric 'context: <field>'");
        }

        if (inputs.HasFlag(JudgeInputs.Reference) && reference is null)
        {
            throw Missing("needs a reference answer: " + referenceError);
        }

        if (inputs.HasFlag(JudgeInputs.ContextOrReference) && passages.Count == 0 && reference is null)
        {
            throw Missing("needs context passages or a reference answer, and the case has neither");
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["id"] = @case.Id,
            ["input"] = @case.Input,
            ["output"] = context.Output,
            ["expected"] = reference ?? (spec.Reference is null ? @case.Expected : null),
            ["context"] = JudgePrompt.FormatContext(passages),
            ["criteria"] = spec.Criteria,
        };
        if (inputs.HasFlag(JudgeInputs.Conversation))
        {
            values["conversation"] = Transcript(@case.Messages, context.Output);
        }

        foreach (var name in spec.Prompt.Placeholders.Where(p => p.Contains('.', StringComparison.Ordinal)))
        {
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var source = name[..dot] == "vars" ? @case.Vars : @case.Metadata;
            values[name] = JsonFieldPath.TrySelect(source, name[(dot + 1)..], out var matches) && matches.Count == 1 ? JsonFieldPath.AsText(matches[0]) : null;
        }

        return values;

        JudgeFailure Missing(string what) => JudgeFailure.Error(spec.Name + " " + what + " (" + @case.Source + ")", JudgeFailure.Input);
    }

    private async Task<IReadOnlyList<string>> StepsAsync(string criteria, JudgeCallSettings settings, JudgeUsageMeter meter, CancellationToken cancellationToken)
    {
        if (spec.GivenSteps.Count > 0)
        {
            return spec.GivenSteps;
        }

        var stepsPrompt = spec.StepsPrompt!;
        var key = settings.Model + "\n" + stepsPrompt.Hash + "\n" + criteria;
        (IReadOnlyList<string> steps, JudgeUsageMeter? usage) = await judge!.Steps.GetAsync(key, async () =>
        {
            // One derivation per rubric: recorded under its own name, not the case that happened to ask first.
            var derivation = new JudgeExchange(judge, spec, settings with { Samples = 1 }, new JudgeUsageMeter(), "rubric-steps");
            var prompt = stepsPrompt.Render(new Dictionary<string, string?>(StringComparer.Ordinal) { ["criteria"] = criteria });
            var options = derivation.Options(0, spec.Definition.Scale);
            options.ResponseFormat = settings.OutputMode == JudgeOutputMode.Text ? null : ChatResponseFormat.Json;
            var reply = await derivation.AskAsync([new ChatMessage(ChatRole.User, prompt)], options, "{\"steps\": [\"<step 1>\", \"<step 2>\", \"<step 3>\"]}",
                JudgeAnswerParser.Steps, cancellationToken).ConfigureAwait(false);
            return new RubricSteps.Derived(reply.Value, derivation.Meter);
        }).ConfigureAwait(false);
        if (usage is not null)
        {
            meter.Merge(usage);
        }

        return steps;
    }

    private static string Transcript(IReadOnlyList<ChatMessage> messages, string output)
    {
        var turns = messages.Where(m => m.Role != ChatRole.System).Select(m => "[" + m.Role.Value + "] " + m.Text).Append("[assistant] " + output);
        return string.Join("\n\n", turns);
    }
}
