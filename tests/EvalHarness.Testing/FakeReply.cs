using System.Collections.Immutable;
using System.Text.Json;

namespace EvalHarness.Testing;

/// <summary>A scripted answer of the <see cref="FakeOpenAIServer"/> to one request.</summary>
/// <remarks>
/// Create one with a factory (<see cref="Text"/>, <see cref="ToolCalls"/>, <see cref="Json"/>, <see cref="Error"/>,
/// <see cref="Malformed"/>, <see cref="ResetConnection"/>, <see cref="CloseConnection"/>) and adjust it with the
/// <c>With…</c> methods, which return a changed copy. A completion reply answers a streaming request with SSE chunks
/// and a non-streaming one with a JSON body, so the same script serves both.
/// </remarks>
public sealed class FakeReply
{
    /// <summary>The <c>created</c> timestamp used unless <see cref="WithCreated"/> changes it (fixed, so tests are deterministic).</summary>
    public static readonly DateTimeOffset DefaultCreated = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private FakeReply(FakeReplyKind kind) => Kind = kind;

    /// <summary>The assistant text, or null for a tool-call-only answer and for non-completion replies.</summary>
    public string? Content { get; private set; }

    /// <summary>The pieces the text is streamed in; by default the content split before each space.</summary>
    public IReadOnlyList<string> StreamChunks { get; private set; } = [];

    /// <summary>The tool calls of the answer (empty when none).</summary>
    public IReadOnlyList<FakeToolCall> FunctionCalls { get; private set; } = [];

    /// <summary><c>usage.prompt_tokens</c>.</summary>
    public int PromptTokens { get; private set; }

    /// <summary><c>usage.completion_tokens</c>.</summary>
    public int CompletionTokens { get; private set; }

    /// <summary><c>usage.prompt_tokens_details.cached_tokens</c>.</summary>
    public int CachedTokens { get; private set; }

    /// <summary>False when the reply carries no <c>usage</c> at all (and no usage chunk when streaming).</summary>
    public bool IncludesUsage { get; private set; } = true;

    /// <summary>The <c>model</c> answered with, or null to echo the request's model.</summary>
    public string? Model { get; private set; }

    /// <summary>The completion <c>id</c>, or null for <c>chatcmpl-fake-{request index}</c>.</summary>
    public string? Id { get; private set; }

    /// <summary>The <c>created</c> timestamp.</summary>
    public DateTimeOffset Created { get; private set; } = DefaultCreated;

    /// <summary>The <c>finish_reason</c>, or null for <c>tool_calls</c> when there are tool calls and <c>stop</c> otherwise.</summary>
    public string? FinishReason { get; private set; }

    /// <summary>The HTTP status of a <see cref="Json"/>/<see cref="Error"/> reply (200 for completions).</summary>
    public int Status { get; private set; } = 200;

    /// <summary>The body of a <see cref="Json"/>, <see cref="Error"/> or <see cref="Malformed"/> reply.</summary>
    public string? Body { get; private set; }

    /// <summary>Extra response headers (for example <c>Retry-After</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; private set; } = [];

    /// <summary>How long the server waits before sending anything (status line included).</summary>
    public TimeSpan Delay { get; private set; }

    /// <summary>How long a stream waits after its headers before the first chunk (headers early, tokens late, as real models do).</summary>
    public TimeSpan FirstChunkDelay { get; private set; }

    /// <summary>How long the server waits between two streamed chunks.</summary>
    public TimeSpan ChunkDelay { get; private set; }

    /// <summary>When set, the connection is reset after this many delta chunks of a stream were sent.</summary>
    public int? AbortAfterChunks { get; private set; }

    internal FakeReplyKind Kind { get; }

    /// <summary>An assistant text answer with the given usage.</summary>
    /// <param name="content">The assistant text.</param>
    /// <param name="promptTokens"><c>usage.prompt_tokens</c>.</param>
    /// <param name="completionTokens"><c>usage.completion_tokens</c>.</param>
    /// <param name="model">The model answered with, or null to echo the request's model.</param>
    public static FakeReply Text(string content, int promptTokens = 10, int completionTokens = 5, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new FakeReply(FakeReplyKind.Completion)
        {
            Content = content,
            StreamChunks = SplitBeforeSpaces(content),
            PromptTokens = promptTokens,
            CompletionTokens = completionTokens,
            Model = model,
        };
    }

    /// <summary>An answer that calls tools (no text, <c>finish_reason: tool_calls</c>).</summary>
    public static FakeReply ToolCalls(params FakeToolCall[] calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return new FakeReply(FakeReplyKind.Completion) { FunctionCalls = calls.ToImmutableArray(), PromptTokens = 10, CompletionTokens = 5 };
    }

    /// <summary>A fixed JSON response, for errors or hand-written completions.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="body">The body, sent as-is with <c>Content-Type: application/json</c>.</param>
    /// <param name="headers">Extra response headers, or null.</param>
    public static FakeReply Json(int status, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new FakeReply(FakeReplyKind.Raw) { Status = status, Body = body, Headers = headers?.ToImmutableArray() ?? [] };
    }

    /// <summary>An error in OpenAI's shape: <c>{"error": {"message", "type", "code"}}</c>.</summary>
    /// <param name="status">The HTTP status code (for example 429 or 500).</param>
    /// <param name="message">The error message.</param>
    /// <param name="type">The error type.</param>
    /// <param name="code">The error code, or null.</param>
    public static FakeReply Error(int status, string message, string type = "server_error", string? code = null)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["error"] = new Dictionary<string, object?> { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        });
        return Json(status, body);
    }

    /// <summary>Status 200 with a body that is not a valid completion; a streaming request gets it as one SSE event, then <c>[DONE]</c>.</summary>
    public static FakeReply Malformed(string body = "{\"id\": \"chatcmpl-broken\", \"choices\": [") =>
        new(FakeReplyKind.Malformed) { Body = body };

    /// <summary>Resets the connection (TCP RST) after reading the request, before any response byte.</summary>
    public static FakeReply ResetConnection() => new(FakeReplyKind.Reset);

    /// <summary>Closes the connection gracefully after reading the request, without any response.</summary>
    public static FakeReply CloseConnection() => new(FakeReplyKind.Close);

    /// <summary>Waits this long before answering (before the status line), to simulate a slow model or, with <see cref="Timeout.InfiniteTimeSpan"/>, a hang.</summary>
    /// <remarks>Disposing the server ends any pending delay.</remarks>
    public FakeReply WithDelay(TimeSpan delay) => Copy(r => r.Delay = CheckDelay(delay));

    /// <summary>Sends a stream's headers at once but waits this long before its first chunk (non-streaming requests are unaffected).</summary>
    public FakeReply WithFirstChunkDelay(TimeSpan delay) => Copy(r => r.FirstChunkDelay = CheckDelay(delay));

    /// <summary>Waits this long between two streamed chunks, so time to first token and throughput are measurable.</summary>
    public FakeReply WithChunkDelay(TimeSpan delay) => Copy(r => r.ChunkDelay = CheckDelay(delay));

    /// <summary>Streams the text in exactly these pieces; the content becomes their concatenation.</summary>
    public FakeReply WithChunks(params string[] pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        return Copy(r =>
        {
            r.StreamChunks = pieces.ToImmutableArray();
            r.Content = string.Concat(pieces);
        });
    }

    /// <summary>Resets the connection after <paramref name="chunks"/> delta chunks of a stream (non-streaming requests are unaffected).</summary>
    public FakeReply WithAbortAfterChunks(int chunks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunks);
        return Copy(r => r.AbortAfterChunks = chunks);
    }

    /// <summary>Adds a response header.</summary>
    public FakeReply WithHeader(string name, string value) =>
        Copy(r => r.Headers = [.. Headers, new KeyValuePair<string, string>(name, value)]);

    /// <summary>Sets the completion <c>id</c>.</summary>
    public FakeReply WithId(string id) => Copy(r => r.Id = id);

    /// <summary>Sets the <c>model</c> answered with.</summary>
    public FakeReply WithModel(string model) => Copy(r => r.Model = model);

    /// <summary>Sets the <c>created</c> timestamp (whole seconds are sent).</summary>
    public FakeReply WithCreated(DateTimeOffset created) => Copy(r => r.Created = created);

    /// <summary>Sets the <c>finish_reason</c> (for example <c>length</c> or <c>content_filter</c>).</summary>
    public FakeReply WithFinishReason(string finishReason) => Copy(r => r.FinishReason = finishReason);

    /// <summary>Sets the usage, including cached prompt tokens.</summary>
    public FakeReply WithUsage(int promptTokens, int completionTokens, int cachedTokens = 0) => Copy(r =>
    {
        r.PromptTokens = promptTokens;
        r.CompletionTokens = completionTokens;
        r.CachedTokens = cachedTokens;
        r.IncludesUsage = true;
    });

    /// <summary>Sends no <c>usage</c> at all, like providers that do not report it.</summary>
    public FakeReply WithoutUsage() => Copy(r => r.IncludesUsage = false);

    private static TimeSpan CheckDelay(TimeSpan delay) =>
        delay >= TimeSpan.Zero || delay == Timeout.InfiniteTimeSpan
            ? delay
            : throw new ArgumentOutOfRangeException(nameof(delay), delay, "A delay is zero or more, or Timeout.InfiniteTimeSpan.");

    private static ImmutableArray<string> SplitBeforeSpaces(string content)
    {
        var pieces = ImmutableArray.CreateBuilder<string>();
        var begin = 0;
        for (var i = 1; i < content.Length; i++)
        {
            if (content[i] == ' ')
            {
                pieces.Add(content[begin..i]);
                begin = i;
            }
        }

        if (begin < content.Length)
        {
            pieces.Add(content[begin..]);
        }

        return pieces.ToImmutable();
    }

    private FakeReply Copy(Action<FakeReply> change)
    {
        var copy = (FakeReply)MemberwiseClone();
        change(copy);
        return copy;
    }
}
