using Microsoft.Extensions.AI;

namespace EvalHarness.Judging;

/// <summary>
/// <c>pairwise</c>: is the output at least as good as another response (a field of the case, a literal, or <c>expected</c>)? Each sample asks
/// the judge twice, once with the output as A and once as B, so a judge that favours a position cancels out into a tie.
/// </summary>
/// <remarks>
/// Each ordering scores the output 1 (preferred), 0.5 (tie) or 0 (the other preferred); a sample's score is the mean of its two orderings, so
/// a consistent preference is 1 or 0 and a position-biased judge (A both times) is 0.5. With the default threshold 0.5 a tie passes:
/// the output is not worse than the other response. Set <c>threshold: 1</c> to require a win in both orders.
/// </remarks>
internal sealed class PairwiseMetric(JudgeSpec spec, JudgeConfiguration? judge) : IJudgeMetric
{
    /// <inheritdoc />
    public string Name => spec.Name;

    /// <inheritdoc />
    public JudgeProvenance Provenance => spec.Provenance(judge);

    /// <inheritdoc />
    public CalibrationSettings? Calibration => spec.Calibration;

    /// <inheritdoc />
    public IJudgeMetric WithJudge(JudgeConfiguration judge) => new PairwiseMetric(spec, judge);

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
            if (!spec.Reference!.TryResolve(@case, out var others, out var error) || others.Count == 0)
            {
                throw JudgeFailure.Error(spec.Name + " needs the other response to compare with: " + (error ?? spec.Reference.Describe() + " is empty") +
                    " (" + @case.Source + ")", JudgeFailure.Input);
            }

            var other = others[0];
            var exchange = new JudgeExchange(judge!, spec, settings, meter, @case.Id);
            var samples = await Task.WhenAll(Enumerable.Range(0, settings.Samples)
                .Select(i => SampleAsync(exchange, i, @case.Input, context.Output, other, cancellationToken))).ConfigureAwait(false);

            details[JudgeDetails.WinnerOutputFirst] = string.Join(",", samples.Select(s => s.OutputFirst.Value.Winner));
            details[JudgeDetails.WinnerOutputSecond] = string.Join(",", samples.Select(s => s.OutputSecond.Value.Winner));
            if (samples.SelectMany(s => new[] { s.OutputFirst, s.OutputSecond }).FirstOrDefault(r => r.Repaired) is { } repaired)
            {
                details[JudgeDetails.Repaired] = "true";
                details[JudgeDetails.Raw] = repaired.UnusableFirst!;
            }

            result = SampleAggregation.Combine(spec.Name, samples.Select(s => (s.Preference, s.OutputFirst.Value.Reasoning)).ToArray(), settings.Aggregate,
                spec.Threshold, spec.Definition.Scale, details);
            details[JudgeDetails.Preference] = result.Score > 0.5 ? "output" : result.Score < 0.5 ? "other" : "tie";
            result = result with { Reason = Describe(result.Score!.Value) + "; " + result.Reason };
        }
        catch (JudgeFailure failure)
        {
            result = JudgeResults.Failed(spec, failure, details);
        }

        return JudgeResults.Finish(spec, result, meter, @case);
    }

    private async Task<Sample> SampleAsync(JudgeExchange exchange, int sample, string input, string output, string other, CancellationToken cancellationToken)
    {
        var options = exchange.Options(sample, spec.Definition.Scale);
        if (judge!.Options.OutputMode == JudgeOutputMode.JsonSchema)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(WinnerSchema, "judge_pairwise");
        }

        const string Format = "{\"reasoning\": \"<one or two sentences>\", \"winner\": \"<A, B or tie>\"}";
        var first = exchange.AskAsync(Messages(input, output, other), options, Format, JudgeAnswerParser.Winner, cancellationToken);
        var second = exchange.AskAsync(Messages(input, other, output), options, Format, JudgeAnswerParser.Winner, cancellationToken);
        await Task.WhenAll(first, second).ConfigureAwait(false);
        var outputFirst = await first.ConfigureAwait(false);
        var outputSecond = await second.ConfigureAwait(false);
        var preference = (Points(outputFirst.Value.Winner, outputIs: "A") + Points(outputSecond.Value.Winner, outputIs: "B")) / 2;
        return new Sample(outputFirst, outputSecond, preference);
    }

    private List<ChatMessage> Messages(string input, string a, string b) =>
        [new ChatMessage(ChatRole.User, spec.Prompt.Render(new Dictionary<string, string?>(StringComparer.Ordinal) { ["input"] = input, ["response_a"] = a, ["response_b"] = b }))];

    private static double Points(string winner, string outputIs) => winner == "tie" ? 0.5 : winner == outputIs ? 1 : 0;

    private static string Describe(double score) => score switch
    {
        1 => "the judge preferred the output in both orders",
        0 => "the judge preferred the other response in both orders",
        0.5 => "tie: the judge preferred neither consistently (a tie, or the same position in both orders)",
        > 0.5 => "the judge leaned towards the output",
        _ => "the judge leaned towards the other response",
    };

    private static readonly System.Text.Json.JsonElement WinnerSchema = System.Text.Json.JsonDocument.Parse(
        "{\"type\": \"object\", \"properties\": {\"reasoning\": {\"type\": \"string\"}, \"winner\": {\"type\": \"string\", \"enum\": [\"A\", \"B\", \"tie\"]}}, " +
        "\"required\": [\"reasoning\", \"winner\"], \"additionalProperties\": false}").RootElement.Clone();

    private sealed record Sample(JudgeReply<PairwiseAnswer> OutputFirst, JudgeReply<PairwiseAnswer> OutputSecond, double Preference);
}
