using System.Text.Json;
using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace EvalHarness.OpenAI;

/// <summary>Maps the OpenAI SDK's completions and stream updates to Microsoft.Extensions.AI responses.</summary>
internal static class ChatResponseMapper
{
    public static ChatResponse ToChatResponse(Sdk.ChatCompletion completion)
    {
        var contents = new List<AIContent>();
        foreach (var part in completion.Content ?? [])
        {
            if (part.Kind == Sdk.ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
            {
                contents.Add(new TextContent(part.Text) { RawRepresentation = part });
            }
        }

        // A refusal is the model's answer: it stays text so refusal and text metrics see it.
        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            contents.Add(new TextContent(completion.Refusal));
        }

        foreach (var call in completion.ToolCalls ?? [])
        {
            contents.Add(ToFunctionCall(call.Id, call.FunctionName, call.FunctionArguments?.ToString()));
        }

        var message = new ChatMessage(ChatRole.Assistant, contents)
        {
            MessageId = completion.Id,
            CreatedAt = completion.CreatedAt,
            RawRepresentation = completion,
        };

        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = ToFinishReason(completion.FinishReason),
            Usage = ToUsage(completion.Usage),
            RawRepresentation = completion,
        };
    }

    public static ChatResponseUpdate ToUpdate(Sdk.StreamingChatCompletionUpdate update, StreamingToolCalls toolCalls)
    {
        var result = new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ResponseId = update.CompletionId,
            MessageId = update.CompletionId,
            ModelId = update.Model,
            CreatedAt = update.CreatedAt,
            FinishReason = update.FinishReason is { } reason ? ToFinishReason(reason) : null,
            RawRepresentation = update,
        };

        foreach (var part in update.ContentUpdate ?? [])
        {
            if (part.Kind == Sdk.ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
            {
                result.Contents.Add(new TextContent(part.Text) { RawRepresentation = part });
            }
        }

        if (!string.IsNullOrEmpty(update.RefusalUpdate))
        {
            result.Contents.Add(new TextContent(update.RefusalUpdate));
        }

        foreach (var call in update.ToolCallUpdates ?? [])
        {
            toolCalls.Add(call);
        }

        if (ToUsage(update.Usage) is { } usage)
        {
            result.Contents.Add(new UsageContent(usage) { RawRepresentation = update.Usage });
        }

        return result;
    }

    public static FunctionCallContent ToFunctionCall(string callId, string name, string? argumentsJson) =>
        FunctionCallContent.CreateFromParsedArguments(
            string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson,
            callId,
            name,
            json => JsonSerializer.Deserialize<Dictionary<string, object?>>(json, AIJsonUtilities.DefaultOptions));

    public static UsageDetails? ToUsage(Sdk.ChatTokenUsage? usage)
    {
        if (usage is null)
        {
            return null;
        }

        var details = new UsageDetails
        {
            InputTokenCount = usage.InputTokenCount,
            OutputTokenCount = usage.OutputTokenCount,
            TotalTokenCount = usage.TotalTokenCount,
        };
        if (usage.InputTokenDetails is { } input)
        {
            details.CachedInputTokenCount = input.CachedTokenCount;
        }

        if (usage.OutputTokenDetails is { } output)
        {
            details.ReasoningTokenCount = output.ReasoningTokenCount;
        }

        return details;
    }

    public static ChatFinishReason ToFinishReason(Sdk.ChatFinishReason reason) => reason switch
    {
        Sdk.ChatFinishReason.Stop => ChatFinishReason.Stop,
        Sdk.ChatFinishReason.Length => ChatFinishReason.Length,
        Sdk.ChatFinishReason.ContentFilter => ChatFinishReason.ContentFilter,
        Sdk.ChatFinishReason.ToolCalls or Sdk.ChatFinishReason.FunctionCall => ChatFinishReason.ToolCalls,
        _ => new ChatFinishReason(reason.ToString()),
    };
}
