using System.Text.Json;
using EvalHarness.Recording;
using Microsoft.Extensions.AI;

namespace EvalHarness.Judging;

/// <summary>
/// One question to the judge: the call (recorded under the case's id), the answer read, and at most one repair request when the answer
/// cannot be used. Every failure becomes a <see cref="JudgeFailure"/> naming its cause; every call that answered is metered.
/// </summary>
internal sealed class JudgeExchange(JudgeConfiguration judge, JudgeSpec spec, JudgeCallSettings settings, JudgeUsageMeter meter, string recordingScope)
{
    public JudgeUsageMeter Meter => meter;

    /// <summary>The options of sample <paramref name="sample"/>: temperature, seed + sample, JSON output, and the metric version and prompt hash as recording-key parts.</summary>
    public ChatOptions Options(int sample, JudgeScale scale)
    {
        var options = new ChatOptions
        {
            ModelId = settings.Model,
            Temperature = (float)settings.Temperature,
            Seed = settings.Seed + sample,
            MaxOutputTokens = settings.MaxTokens,
            ResponseFormat = settings.OutputMode switch
            {
                JudgeOutputMode.Json => ChatResponseFormat.Json,
                JudgeOutputMode.JsonSchema => ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(scale.Schema()).RootElement.Clone(), "judge_" + spec.Definition.Name.Replace('-', '_')),
                _ => null,
            },

            // Not sent by the OpenAI client, but part of the recording key: a new metric version or prompt never replays old answers.
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                ["evalharness.judge.metric"] = spec.Definition.Id,
                ["evalharness.judge.prompt_hash"] = spec.Prompt.Hash,
            },
        };
        return options;
    }

    /// <summary>Asks, reads the answer with <paramref name="parse"/>, and on an unusable answer asks once more for exactly <paramref name="format"/>.</summary>
    /// <exception cref="JudgeFailure">The call failed, or the answer (after one repair) cannot be used.</exception>
    public async Task<JudgeReply<T>> AskAsync<T>(IReadOnlyList<ChatMessage> messages, ChatOptions options, string format, Func<string, Parsed<T>> parse,
        CancellationToken cancellationToken)
    {
        var text = await CallAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var parsed = parse(text);
        if (parsed.IsOk)
        {
            return new JudgeReply<T>(parsed.Value!, text, null);
        }

        if (!parsed.Repairable)
        {
            throw JudgeFailure.Error("the judge's answer is out of range: " + parsed.Problem, JudgeFailure.Answer, raw: text);
        }

        var repairPrompt = spec.Repair.Render(new Dictionary<string, string?>(StringComparer.Ordinal) { ["problem"] = parsed.Problem, ["format"] = format });
        List<ChatMessage> repair = [.. messages, new ChatMessage(ChatRole.Assistant, text), new ChatMessage(ChatRole.User, repairPrompt)];
        var second = await CallAsync(repair, options, cancellationToken, firstRaw: text).ConfigureAwait(false);
        var reparsed = parse(second);
        if (reparsed.IsOk)
        {
            return new JudgeReply<T>(reparsed.Value!, second, text);
        }

        throw JudgeFailure.Error("the judge's answer could not be used, even after one repair request: " + parsed.Problem +
            (reparsed.Problem == parsed.Problem ? string.Empty : "; then " + reparsed.Problem), JudgeFailure.Answer, raw: text, repairRaw: second);
    }

    private async Task<string> CallAsync(IReadOnlyList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken, string? firstRaw = null)
    {
        var time = judge.Options.TimeProvider;
        var started = time.GetTimestamp();
        ChatResponse response;
        AdditionalPropertiesDictionary? annotations;
        using (RecordingScope.Enter(recordingScope))
        {
            try
            {
                if (settings.Streaming)
                {
                    var updates = new List<ChatResponseUpdate>();
                    await foreach (var update in judge.Client.GetStreamingResponseAsync(messages, options.Clone(), cancellationToken).ConfigureAwait(false))
                    {
                        updates.Add(update);
                    }

                    annotations = updates.Count > 0 ? updates[0].AdditionalProperties : null;
                    response = updates.ToChatResponse();
                }
                else
                {
                    response = await judge.Client.GetResponseAsync(messages, options.Clone(), cancellationToken).ConfigureAwait(false);
                    annotations = response.AdditionalProperties;
                }
            }
            catch (ModelCallException ex)
            {
                throw new JudgeFailure(Verdict.Error, "the judge call failed: " + ex.Message, ex.IsInfrastructure ? JudgeFailure.Infrastructure : JudgeFailure.Provider,
                    ex.IsInfrastructure, raw: firstRaw);
            }
            catch (RecordingException ex)
            {
                throw JudgeFailure.Error("judge: " + ex.Message, JudgeFailure.Recording, raw: firstRaw);
            }
            catch (EndpointNotConfiguredException ex)
            {
                throw new JudgeFailure(Verdict.Inconclusive, "skipped: the judge call has no recording and no judge endpoint is configured: " + ex.Message,
                    JudgeFailure.Skipped, raw: firstRaw);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw JudgeFailure.Error("the judge call failed (" + ex.GetType().Name + "): " + ex.Message, JudgeFailure.Provider, raw: firstRaw);
            }
        }

        meter.Add(response, annotations, time.GetElapsedTime(started).TotalMilliseconds, options.ModelId);
        if (response.FinishReason == ChatFinishReason.ContentFilter)
        {
            throw JudgeFailure.Error("the provider's content filter withheld the judge's answer (finish_reason content_filter)", JudgeFailure.Answer,
                raw: firstRaw ?? response.Text, repairRaw: firstRaw is null ? null : response.Text);
        }

        return response.Text;
    }
}
