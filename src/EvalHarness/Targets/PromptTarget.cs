using System.Diagnostics;
using EvalHarness.Templates;
using Microsoft.Extensions.AI;

namespace EvalHarness.Targets;

/// <summary>
/// <c>target: { prompt, model }</c>: renders the prompt template for each case and streams it through an <see cref="IChatClient"/>,
/// measuring latency and time to first token. Without a prompt template, the case's own messages are sent.
/// </summary>
public sealed class PromptTarget(IChatClient client, PromptTemplate? prompt, PromptTemplate? system, ChatOptions options) : IEvalTarget
{
    /// <inheritdoc />
    public async ValueTask<TargetOutput> InvokeAsync(EvalCase @case, CancellationToken cancellationToken = default)
    {
        var messages = new List<ChatMessage>();
        if (system is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, system.Render(@case)));
        }

        if (prompt is not null)
        {
            messages.Add(new ChatMessage(ChatRole.User, prompt.Render(@case)));
        }
        else
        {
            messages.AddRange(@case.Messages);
        }

        var stopwatch = Stopwatch.StartNew();
        double? firstToken = null;
        AdditionalPropertiesDictionary? replayInfo = null;
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options.Clone(), cancellationToken).ConfigureAwait(false))
        {
            replayInfo ??= update.AdditionalProperties;
            if (firstToken is null && update.Contents.Any(c => c is TextContent { Text.Length: > 0 } or FunctionCallContent))
            {
                firstToken = stopwatch.Elapsed.TotalMilliseconds;
            }

            updates.Add(update);
        }

        // An answer with no choice at all (no content, no finish reason) is a broken reply, not an empty answer to score as a Fail.
        if (!updates.Any(u => u.FinishReason is not null || u.Contents.Any(c => c is not UsageContent)))
        {
            throw new ModelCallException("the model endpoint answered without any choice (empty 'choices'): no text, no tool call, no finish reason")
            {
                ModelId = options.ModelId,
            };
        }

        var latency = stopwatch.Elapsed.TotalMilliseconds;
        var response = updates.ToChatResponse();
        return new TargetOutput(response.Text, response, Measure.From(response, latency, firstToken, replayInfo));
    }
}
