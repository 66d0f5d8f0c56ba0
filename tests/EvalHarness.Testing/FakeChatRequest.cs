using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EvalHarness.Testing;

/// <summary>A request the <see cref="FakeOpenAIServer"/> received, with its OpenAI chat-completions fields parsed.</summary>
/// <remarks>
/// Every request is recorded, including ones to unknown paths and ones whose body is not JSON
/// (then <see cref="Json"/> is null and the chat fields have their empty values).
/// </remarks>
public sealed class FakeChatRequest
{
    internal FakeChatRequest(int index, RawHttpRequest raw, DateTimeOffset receivedAt)
    {
        Index = index;
        Method = raw.Method;
        Path = raw.Target.Split('?')[0];
        Headers = raw.Headers;
        Body = Encoding.UTF8.GetString(raw.Body);
        ReceivedAt = receivedAt;

        Json = TryParse(Body);
        if (Json is { ValueKind: JsonValueKind.Object } root)
        {
            Model = root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String ? model.GetString() : null;
            Stream = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
            IncludeUsage = root.TryGetProperty("stream_options", out var streamOptions)
                && streamOptions.ValueKind == JsonValueKind.Object
                && streamOptions.TryGetProperty("include_usage", out var includeUsage)
                && includeUsage.ValueKind == JsonValueKind.True;
            Messages = root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
                ? messages.EnumerateArray().Select(ParseMessage).ToArray()
                : [];
        }
        else
        {
            Messages = [];
        }
    }

    /// <summary>Zero-based position of this request among all requests the server received.</summary>
    public int Index { get; }

    /// <summary>The HTTP method (<c>POST</c> for chat completions).</summary>
    public string Method { get; }

    /// <summary>The request path without query string, for example <c>/v1/chat/completions</c>.</summary>
    public string Path { get; }

    /// <summary>The request headers, case-insensitive by name; repeated headers are joined with <c>", "</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The <c>Authorization</c> header (for example <c>Bearer sk-…</c>), or null when none was sent.</summary>
    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;

    /// <summary>The request body as UTF-8 text (empty when there was none).</summary>
    public string Body { get; }

    /// <summary>The parsed body, or null when the body is not valid JSON.</summary>
    public JsonElement? Json { get; }

    /// <summary>The <c>model</c> property, or null.</summary>
    public string? Model { get; }

    /// <summary>True when the body has <c>"stream": true</c>.</summary>
    public bool Stream { get; }

    /// <summary>True when the body has <c>"stream_options": { "include_usage": true }</c>.</summary>
    public bool IncludeUsage { get; }

    /// <summary>The <c>messages</c> array (empty when absent).</summary>
    public IReadOnlyList<FakeChatMessage> Messages { get; }

    /// <summary>When the server finished reading the request.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>True for <c>POST …/chat/completions</c> (with or without the <c>/v1</c> prefix).</summary>
    public bool IsChatCompletion =>
        Method == "POST" && Path.TrimEnd('/').EndsWith("/chat/completions", StringComparison.Ordinal);

    /// <summary>A top-level property of the JSON body (for example <c>temperature</c>), or null when absent or the body is not a JSON object.</summary>
    public JsonElement? GetProperty(string name) =>
        Json is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(name, out var value) ? value : null;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"#{Index} {Method} {Path} model={Model ?? "(none)"} stream={Stream}");

    private static JsonElement? TryParse(string body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static FakeChatMessage ParseMessage(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return new FakeChatMessage(string.Empty, null, message);
        }

        var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : string.Empty;
        string? content = null;
        if (message.TryGetProperty("content", out var c))
        {
            content = c.ValueKind switch
            {
                JsonValueKind.String => c.GetString(),
                JsonValueKind.Array => string.Concat(c.EnumerateArray()
                    .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out _))
                    .Select(part => part.GetProperty("text").GetString())),
                _ => null,
            };
        }

        return new FakeChatMessage(role, content, message);
    }
}
