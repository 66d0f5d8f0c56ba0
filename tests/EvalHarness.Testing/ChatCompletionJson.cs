using System.Text;
using System.Text.Json;

namespace EvalHarness.Testing;

/// <summary>Writes the JSON bodies and SSE chunks of OpenAI's chat-completions protocol for a <see cref="FakeReply"/>.</summary>
internal static class ChatCompletionJson
{
    /// <summary>The non-streaming <c>chat.completion</c> object.</summary>
    public static string Completion(FakeReply reply, string id, string model) => Write(writer =>
    {
        WriteHeader(writer, id, "chat.completion", reply, model);
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        writer.WriteString("content", reply.Content);
        writer.WriteNull("refusal");
        if (reply.FunctionCalls.Count > 0)
        {
            writer.WriteStartArray("tool_calls");
            foreach (var call in reply.FunctionCalls)
            {
                WriteToolCall(writer, call.Id, call.Name, call.ArgumentsJson, index: null);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        writer.WriteString("finish_reason", FinishReason(reply));
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (reply.IncludesUsage)
        {
            WriteUsage(writer, reply);
        }
    });

    /// <summary>The <c>chat.completion.chunk</c> deltas of a stream, in order, without the final and usage chunks.</summary>
    public static IReadOnlyList<string> DeltaChunks(FakeReply reply, string id, string model)
    {
        var chunks = new List<string>();
        var roleSent = false;
        foreach (var piece in reply.StreamChunks)
        {
            chunks.Add(Chunk(reply, id, model, finishReason: null, delta =>
            {
                WriteRoleOnce(delta, ref roleSent);
                delta.WriteString("content", piece);
            }));
        }

        for (var index = 0; index < reply.FunctionCalls.Count; index++)
        {
            var call = reply.FunctionCalls[index];
            var half = call.ArgumentsJson.Length / 2;

            // Arguments arrive in two pieces, as real models stream them, so clients must accumulate.
            chunks.Add(Chunk(reply, id, model, finishReason: null, delta =>
            {
                WriteRoleOnce(delta, ref roleSent);
                delta.WriteStartArray("tool_calls");
                WriteToolCall(delta, call.Id, call.Name, call.ArgumentsJson[..half], index);
                delta.WriteEndArray();
            }));
            chunks.Add(Chunk(reply, id, model, finishReason: null, delta =>
            {
                delta.WriteStartArray("tool_calls");
                delta.WriteStartObject();
                delta.WriteNumber("index", index);
                delta.WriteStartObject("function");
                delta.WriteString("arguments", call.ArgumentsJson[half..]);
                delta.WriteEndObject();
                delta.WriteEndObject();
                delta.WriteEndArray();
            }));
        }

        if (chunks.Count == 0)
        {
            chunks.Add(Chunk(reply, id, model, finishReason: null, delta =>
            {
                WriteRoleOnce(delta, ref roleSent);
                delta.WriteString("content", string.Empty);
            }));
        }

        return chunks;
    }

    /// <summary>The chunk with an empty delta and the <c>finish_reason</c>.</summary>
    public static string FinalChunk(FakeReply reply, string id, string model) =>
        Chunk(reply, id, model, FinishReason(reply), _ => { });

    /// <summary>The usage chunk sent when the request asked for <c>stream_options.include_usage</c>: empty <c>choices</c>, filled <c>usage</c>.</summary>
    public static string UsageChunk(FakeReply reply, string id, string model) => Write(writer =>
    {
        WriteHeader(writer, id, "chat.completion.chunk", reply, model);
        writer.WriteStartArray("choices");
        writer.WriteEndArray();
        WriteUsage(writer, reply);
    });

    /// <summary>An OpenAI-shaped error body.</summary>
    public static string Error(string message, string type) => Write(writer =>
    {
        writer.WriteStartObject("error");
        writer.WriteString("message", message);
        writer.WriteString("type", type);
        writer.WriteNull("param");
        writer.WriteNull("code");
        writer.WriteEndObject();
    });

    private static string Chunk(FakeReply reply, string id, string model, string? finishReason, Action<Utf8JsonWriter> writeDelta) =>
        Write(writer =>
        {
            WriteHeader(writer, id, "chat.completion.chunk", reply, model);
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("delta");
            writeDelta(writer);
            writer.WriteEndObject();
            writer.WriteNull("logprobs");
            writer.WriteString("finish_reason", finishReason);
            writer.WriteEndObject();
            writer.WriteEndArray();
        });

    private static void WriteRoleOnce(Utf8JsonWriter delta, ref bool roleSent)
    {
        if (!roleSent)
        {
            delta.WriteString("role", "assistant");
            roleSent = true;
        }
    }

    private static void WriteHeader(Utf8JsonWriter writer, string id, string objectType, FakeReply reply, string model)
    {
        writer.WriteString("id", id);
        writer.WriteString("object", objectType);
        writer.WriteNumber("created", reply.Created.ToUnixTimeSeconds());
        writer.WriteString("model", model);
        writer.WriteString("system_fingerprint", "fp_fake");
    }

    private static void WriteToolCall(Utf8JsonWriter writer, string id, string name, string arguments, int? index)
    {
        writer.WriteStartObject();
        if (index is { } i)
        {
            writer.WriteNumber("index", i);
        }

        writer.WriteString("id", id);
        writer.WriteString("type", "function");
        writer.WriteStartObject("function");
        writer.WriteString("name", name);
        writer.WriteString("arguments", arguments);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter writer, FakeReply reply)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", reply.PromptTokens);
        writer.WriteNumber("completion_tokens", reply.CompletionTokens);
        writer.WriteNumber("total_tokens", reply.PromptTokens + reply.CompletionTokens);
        writer.WriteStartObject("prompt_tokens_details");
        writer.WriteNumber("cached_tokens", reply.CachedTokens);
        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details");
        writer.WriteNumber("reasoning_tokens", 0);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string FinishReason(FakeReply reply) =>
        reply.FinishReason ?? (reply.FunctionCalls.Count > 0 ? "tool_calls" : "stop");

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
