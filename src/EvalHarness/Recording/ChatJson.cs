using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace EvalHarness.Recording;

/// <summary>Converts chat messages, options and responses to and from the JSON kept in recordings.</summary>
/// <remarks>Only content that determines a model's answer is written; transport details (headers, keys, raw representations) never are.</remarks>
internal static class ChatJson
{
    public static JsonArray Messages(IEnumerable<ChatMessage> messages) =>
        new(messages.Select(m => (JsonNode)new JsonObject
        {
            ["role"] = m.Role.Value,
            ["contents"] = new JsonArray(m.Contents.Select(Content).ToArray()),
        }).ToArray());

    public static List<ChatMessage> ReadMessages(JsonArray array) =>
        array.Select(item =>
        {
            var obj = item!.AsObject();
            var contents = obj["contents"]!.AsArray().Select(c => ReadContent(c!.AsObject())).ToList();
            return new ChatMessage(new ChatRole(obj["role"]!.GetValue<string>()), contents);
        }).ToList();

    public static JsonObject Options(ChatOptions? options, string? model)
    {
        var result = new JsonObject { ["model"] = model };
        if (options is null)
        {
            return result;
        }

        Set(result, "temperature", options.Temperature);
        Set(result, "topP", options.TopP);
        Set(result, "topK", options.TopK);
        Set(result, "maxOutputTokens", options.MaxOutputTokens);
        Set(result, "seed", options.Seed);
        Set(result, "frequencyPenalty", options.FrequencyPenalty);
        Set(result, "presencePenalty", options.PresencePenalty);
        if (options.Instructions is { } instructions)
        {
            result["instructions"] = instructions;
        }

        if (options.StopSequences is { Count: > 0 } stops)
        {
            result["stop"] = new JsonArray(stops.Select(s => (JsonNode)s).ToArray());
        }

        switch (options.ResponseFormat)
        {
            case ChatResponseFormatJson json:
                result["responseFormat"] = new JsonObject
                {
                    ["type"] = "json",
                    ["schema"] = json.Schema is { } schema ? JsonNode.Parse(schema.GetRawText()) : null,
                    ["schemaName"] = json.SchemaName,
                };
                break;
            case ChatResponseFormatText:
                result["responseFormat"] = new JsonObject { ["type"] = "text" };
                break;
        }

        if (options.Tools is { Count: > 0 } tools)
        {
            result["tools"] = new JsonArray(tools.Select(t => (JsonNode)new JsonObject
            {
                ["name"] = t.Name,
                ["description"] = t.Description,
                ["schema"] = t is AIFunctionDeclaration f ? JsonNode.Parse(f.JsonSchema.GetRawText()) : null,
            }).ToArray());
        }

        if (options.ToolMode is { } mode)
        {
            result["toolMode"] = mode.ToString();
        }

        if (options.AdditionalProperties is { Count: > 0 } extra)
        {
            var obj = new JsonObject();
            foreach (var pair in extra.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                obj[pair.Key] = pair.Value is null ? null : JsonSerializer.SerializeToNode(pair.Value, pair.Value.GetType(), RecordingJsonContext.Options);
            }

            result["additional"] = obj;
        }

        return result;
    }

    public static JsonObject Response(ChatResponse response) => new()
    {
        ["messages"] = Messages(response.Messages),
        ["modelId"] = response.ModelId,
        ["finishReason"] = response.FinishReason?.Value,
        ["usage"] = Usage(response.Usage),
    };

    public static ChatResponse ReadResponse(JsonObject obj)
    {
        var response = new ChatResponse(ReadMessages(obj["messages"]!.AsArray()))
        {
            ModelId = obj["modelId"]?.GetValue<string>(),
            FinishReason = obj["finishReason"]?.GetValue<string>() is { } reason ? new ChatFinishReason(reason) : null,
            Usage = ReadUsage(obj["usage"] as JsonObject),
        };
        return response;
    }

    public static JsonObject? Usage(UsageDetails? usage) => usage is null ? null : new JsonObject
    {
        ["inputTokens"] = usage.InputTokenCount,
        ["outputTokens"] = usage.OutputTokenCount,
        ["totalTokens"] = usage.TotalTokenCount,
        ["cachedInputTokens"] = usage.CachedInputTokenCount,
    };

    public static UsageDetails? ReadUsage(JsonObject? obj) => obj is null ? null : new UsageDetails
    {
        InputTokenCount = obj["inputTokens"]?.GetValue<long>(),
        OutputTokenCount = obj["outputTokens"]?.GetValue<long>(),
        TotalTokenCount = obj["totalTokens"]?.GetValue<long>(),
        CachedInputTokenCount = obj["cachedInputTokens"]?.GetValue<long>(),
    };

    private static void Set<T>(JsonObject obj, string key, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            obj[key] = JsonValue.Create(v);
        }
    }

    private static JsonNode Content(AIContent content) => content switch
    {
        TextContent text => new JsonObject { ["type"] = "text", ["text"] = text.Text },
        TextReasoningContent reasoning => new JsonObject { ["type"] = "reasoning", ["text"] = reasoning.Text },
        FunctionCallContent call => new JsonObject
        {
            ["type"] = "functionCall",
            ["callId"] = call.CallId,
            ["name"] = call.Name,
            ["arguments"] = call.Arguments is null ? null : JsonSerializer.SerializeToNode(call.Arguments, RecordingJsonContext.Options),
        },
        FunctionResultContent result => new JsonObject
        {
            ["type"] = "functionResult",
            ["callId"] = result.CallId,
            ["result"] = result.Result is null ? null : JsonSerializer.SerializeToNode(result.Result, result.Result.GetType(), RecordingJsonContext.Options),
        },
        DataContent data => new JsonObject { ["type"] = "data", ["mediaType"] = data.MediaType, ["uri"] = data.Uri },
        UriContent uri => new JsonObject { ["type"] = "uri", ["mediaType"] = uri.MediaType, ["uri"] = uri.Uri.ToString() },
        _ => new JsonObject { ["type"] = content.GetType().Name, ["text"] = content.ToString() },
    };

    private static AIContent ReadContent(JsonObject obj)
    {
        var type = obj["type"]!.GetValue<string>();
        switch (type)
        {
            case "text":
                return new TextContent(obj["text"]?.GetValue<string>());
            case "reasoning":
                return new TextReasoningContent(obj["text"]?.GetValue<string>());
            case "functionCall":
                var arguments = obj["arguments"] is JsonObject args
                    ? args.ToDictionary(p => p.Key, p => (object?)(p.Value is null ? null : JsonSerializer.Deserialize<JsonElement>(p.Value.ToJsonString())))
                    : null;
                return new FunctionCallContent(obj["callId"]!.GetValue<string>(), obj["name"]!.GetValue<string>(), arguments);
            case "functionResult":
                return new FunctionResultContent(obj["callId"]!.GetValue<string>(),
                    obj["result"] is { } r ? JsonSerializer.Deserialize<JsonElement>(r.ToJsonString()) : null);
            case "data":
                return new DataContent(obj["uri"]!.GetValue<string>(), obj["mediaType"]?.GetValue<string>());
            case "uri":
                return new UriContent(obj["uri"]!.GetValue<string>(), obj["mediaType"]!.GetValue<string>());
            default:
                return new TextContent(obj["text"]?.GetValue<string>());
        }
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
