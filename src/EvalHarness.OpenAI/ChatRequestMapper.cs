using System.Text.Json;
using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace EvalHarness.OpenAI;

/// <summary>Maps Microsoft.Extensions.AI messages and options to the OpenAI SDK's chat-completions request.</summary>
internal static class ChatRequestMapper
{
    public static List<Sdk.ChatMessage> ToSdkMessages(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var result = new List<Sdk.ChatMessage>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            result.Add(new Sdk.SystemChatMessage(options.Instructions));
        }

        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            switch (message.Role.Value.ToUpperInvariant())
            {
                case "SYSTEM":
                    result.Add(new Sdk.SystemChatMessage(TextOnly(message)) { ParticipantName = message.AuthorName });
                    break;
                case "USER":
                    result.Add(ToUserMessage(message));
                    break;
                case "ASSISTANT":
                    result.Add(ToAssistantMessage(message));
                    break;
                case "TOOL":
                    result.AddRange(ToToolMessages(message));
                    break;
                default:
                    throw new NotSupportedException($"Chat role '{message.Role.Value}' is not part of the OpenAI chat-completions protocol.");
            }
        }

        return result;
    }

    public static Sdk.ChatCompletionOptions ToSdkOptions(ChatOptions? options, IChatClient client)
    {
        // A caller may pre-build SDK options (for settings ChatOptions has no property for); ours are applied on top.
        var result = options?.RawRepresentationFactory?.Invoke(client) as Sdk.ChatCompletionOptions ?? new Sdk.ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        result.Temperature = options.Temperature ?? result.Temperature;
        result.TopP = options.TopP ?? result.TopP;
        result.MaxOutputTokenCount = options.MaxOutputTokens ?? result.MaxOutputTokenCount;
#pragma warning disable OPENAI001 // The SDK marks Seed experimental, but it is the protocol's stable 'seed' field and reproducible runs need it.
        result.Seed = options.Seed ?? result.Seed;
#pragma warning restore OPENAI001
        result.FrequencyPenalty = options.FrequencyPenalty ?? result.FrequencyPenalty;
        result.PresencePenalty = options.PresencePenalty ?? result.PresencePenalty;
        result.AllowParallelToolCalls = options.AllowMultipleToolCalls ?? result.AllowParallelToolCalls;
        if (options.StopSequences is { Count: > 0 } stops)
        {
            foreach (var stop in stops)
            {
                result.StopSequences.Add(stop);
            }
        }

        if (options.ResponseFormat is { } format)
        {
            result.ResponseFormat = ToSdkResponseFormat(format);
        }

        if (options.Tools is { Count: > 0 } tools)
        {
            foreach (var tool in tools)
            {
                result.Tools.Add(ToSdkTool(tool));
            }
        }

        if (options.ToolMode is { } mode)
        {
            result.ToolChoice = mode switch
            {
                NoneChatToolMode => Sdk.ChatToolChoice.CreateNoneChoice(),
                AutoChatToolMode => Sdk.ChatToolChoice.CreateAutoChoice(),
                RequiredChatToolMode { RequiredFunctionName: { } name } => Sdk.ChatToolChoice.CreateFunctionChoice(name),
                RequiredChatToolMode => Sdk.ChatToolChoice.CreateRequiredChoice(),
                _ => throw new NotSupportedException($"Tool mode {mode.GetType().Name} is not supported."),
            };
        }

        return result;
    }

    private static Sdk.ChatResponseFormat ToSdkResponseFormat(ChatResponseFormat format) => format switch
    {
        ChatResponseFormatText => Sdk.ChatResponseFormat.CreateTextFormat(),
        ChatResponseFormatJson { Schema: { } schema } json => Sdk.ChatResponseFormat.CreateJsonSchemaFormat(
            json.SchemaName ?? "response",
            BinaryData.FromString(schema.GetRawText()),
            json.SchemaDescription,
            jsonSchemaIsStrict: null),
        ChatResponseFormatJson => Sdk.ChatResponseFormat.CreateJsonObjectFormat(),
        _ => throw new NotSupportedException($"Response format {format.GetType().Name} is not supported."),
    };

    private static Sdk.ChatTool ToSdkTool(AITool tool)
    {
        if (tool is not AIFunctionDeclaration function)
        {
            throw new NotSupportedException($"Tool '{tool.Name}' ({tool.GetType().Name}) is not a function; only function tools exist in chat completions.");
        }

        var parameters = function.JsonSchema.ValueKind == JsonValueKind.Undefined ? null : BinaryData.FromString(function.JsonSchema.GetRawText());
        return Sdk.ChatTool.CreateFunctionTool(function.Name, function.Description, parameters, functionSchemaIsStrict: null);
    }

    private static Sdk.UserChatMessage ToUserMessage(ChatMessage message)
    {
        if (message.Contents.All(c => c is TextContent))
        {
            return new Sdk.UserChatMessage(message.Text) { ParticipantName = message.AuthorName };
        }

        var parts = new List<Sdk.ChatMessageContentPart>();
        foreach (var content in message.Contents)
        {
            parts.Add(content switch
            {
                TextContent text => Sdk.ChatMessageContentPart.CreateTextPart(text.Text),
                UriContent uri when uri.HasTopLevelMediaType("image") => Sdk.ChatMessageContentPart.CreateImagePart(uri.Uri),
                DataContent data when data.HasTopLevelMediaType("image") => Sdk.ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType),
                _ => throw Unsupported(content, message),
            });
        }

        return new Sdk.UserChatMessage(parts) { ParticipantName = message.AuthorName };
    }

    private static Sdk.AssistantChatMessage ToAssistantMessage(ChatMessage message)
    {
        var toolCalls = new List<Sdk.ChatToolCall>();
        var text = new List<string>();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent t:
                    text.Add(t.Text);
                    break;
                case FunctionCallContent call:
                    var arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions);
                    toolCalls.Add(Sdk.ChatToolCall.CreateFunctionToolCall(call.CallId, call.Name, BinaryData.FromString(arguments)));
                    break;
                case UsageContent or TextReasoningContent:
                    // Metadata and reasoning of an earlier answer: chat completions takes neither back.
                    break;
                default:
                    throw Unsupported(content, message);
            }
        }

        var joined = string.Concat(text);
        if (toolCalls.Count == 0)
        {
            return new Sdk.AssistantChatMessage(joined) { ParticipantName = message.AuthorName };
        }

        var result = new Sdk.AssistantChatMessage(toolCalls) { ParticipantName = message.AuthorName };
        if (joined.Length > 0)
        {
            result.Content.Add(Sdk.ChatMessageContentPart.CreateTextPart(joined));
        }

        return result;
    }

    private static IEnumerable<Sdk.ToolChatMessage> ToToolMessages(ChatMessage message)
    {
        foreach (var content in message.Contents)
        {
            yield return content switch
            {
                FunctionResultContent result => new Sdk.ToolChatMessage(result.CallId, ResultText(result.Result)),
                _ => throw Unsupported(content, message),
            };
        }
    }

    private static string ResultText(object? result) => result switch
    {
        null => string.Empty,
        string s => s,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions),
    };

    private static string TextOnly(ChatMessage message)
    {
        foreach (var content in message.Contents)
        {
            if (content is not TextContent)
            {
                throw Unsupported(content, message);
            }
        }

        return message.Text;
    }

    private static NotSupportedException Unsupported(AIContent content, ChatMessage message) =>
        new($"{content.GetType().Name} in a '{message.Role.Value}' message is not supported by the OpenAI chat-completions client.");
}
