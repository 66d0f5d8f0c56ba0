using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EvalHarness.Testing;

/// <summary>
/// An OpenAI chat-completions server on 127.0.0.1 for tests: scripted replies, recorded requests, and faults
/// (status errors, delays, slow streams, connection resets, malformed bodies).
/// </summary>
/// <remarks>
/// <para>
/// Answers <c>POST /v1/chat/completions</c> and <c>POST /chat/completions</c> (any path ending in <c>/chat/completions</c>)
/// with a JSON completion, or with SSE chunks when the body says <c>"stream": true</c>: one chunk per text piece,
/// a chunk with the <c>finish_reason</c>, a usage chunk when <c>stream_options.include_usage</c> is true, then <c>data: [DONE]</c>.
/// Other paths get 404 and other methods 405; every request is recorded in <see cref="Requests"/> either way.
/// </para>
/// <para>
/// The reply to a chat request is the next queued one (<see cref="Start(FakeReply[])"/>, <see cref="Enqueue"/>), else the
/// responder's (<see cref="Start(Func{FakeChatRequest, FakeReply})"/>), else a 500 error saying nothing was scripted,
/// so a test that sends more requests than it expects fails visibly. A responder that throws produces a 500 with its message;
/// it may be called concurrently when the client sends requests in parallel.
/// </para>
/// <para>
/// A minimal HTTP/1.1 server over <see cref="TcpListener"/> (keep-alive, Content-Length and chunked request bodies, chunked
/// responses for streams): <see cref="HttpListener"/> cannot reset a connection at a chosen byte.
/// </para>
/// </remarks>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly Func<FakeChatRequest, FakeReply>? responder;
    private readonly ConcurrentQueue<FakeReply> queue = new();
    private readonly List<FakeChatRequest> requests = [];
    private readonly ConcurrentDictionary<TcpClient, Task> connections = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task acceptLoop;
    private int connectionCount;
    private int disposed;

    private FakeOpenAIServer(Func<FakeChatRequest, FakeReply>? responder, IEnumerable<FakeReply> replies)
    {
        this.responder = responder;
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }

        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Origin = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        BaseUrl = new Uri(Origin, "v1/");
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The OpenAI base URL to configure clients with: <c>http://127.0.0.1:{port}/v1/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The server root without the <c>/v1/</c> prefix: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Origin { get; }

    /// <summary>A snapshot of every request received so far, in order of arrival.</summary>
    public IReadOnlyList<FakeChatRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>How many TCP connections the server accepted (a client that reuses connections opens fewer than it sends requests).</summary>
    public int ConnectionCount => Volatile.Read(ref connectionCount);

    /// <summary>Starts a server that answers every chat request with <paramref name="responder"/> (after any queued replies).</summary>
    public static FakeOpenAIServer Start(Func<FakeChatRequest, FakeReply> responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        return new FakeOpenAIServer(responder, []);
    }

    /// <summary>Starts a server that answers chat requests with <paramref name="replies"/> in order, then with a 500 error.</summary>
    public static FakeOpenAIServer Start(params FakeReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        return new FakeOpenAIServer(null, replies);
    }

    /// <summary>Queues replies for the next chat requests; queued replies take precedence over the responder.</summary>
    public void Enqueue(params FakeReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }
    }

    /// <summary>Stops accepting, closes every open connection (pending delays end) and waits for the connection handlers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        foreach (var client in connections.Keys)
        {
            client.Dispose();
        }

        await Task.WhenAll([acceptLoop, .. connections.Values]).ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref connectionCount);
            var handler = new TaskCompletionSource();
            connections[client] = handler.Task;
            _ = Task.Run(async () =>
            {
                try
                {
                    await ServeConnectionAsync(client).ConfigureAwait(false);
                    handler.SetResult();
                }
                catch (Exception ex)
                {
                    // A bug in the fake itself surfaces when the test disposes the server, instead of hanging it.
                    handler.SetException(ex);
                }
                finally
                {
                    connections.TryRemove(client, out _);
                }
            });
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        var token = stopping.Token;
        if (token.IsCancellationRequested || client.Client is null)
        {
            // Accepted while the server was stopping: the socket is already gone.
            client.Dispose();
            return;
        }

        try
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            var reader = new HttpRequestReader(stream);
            while (!token.IsCancellationRequested)
            {
                RawHttpRequest? raw;
                try
                {
                    raw = await reader.ReadAsync(() => WriteAsync(stream, "HTTP/1.1 100 Continue\r\n\r\n", token), token).ConfigureAwait(false);
                }
                catch (InvalidDataException ex)
                {
                    await WriteResponseAsync(stream, 400, "application/json", ChatCompletionJson.Error(ex.Message, "invalid_request_error"), [], false, token)
                        .ConfigureAwait(false);
                    return;
                }

                if (raw is null)
                {
                    return;
                }

                var request = Record(raw);
                var keepAlive = !(raw.Headers.TryGetValue("Connection", out var connection)
                    && connection.Equals("close", StringComparison.OrdinalIgnoreCase));
                if (!await AnswerAsync(client, stream, request, keepAlive, token).ConfigureAwait(false) || !keepAlive)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping: nothing left to answer.
        }
        finally
        {
            client.Dispose();
        }
    }

    private FakeChatRequest Record(RawHttpRequest raw)
    {
        lock (requests)
        {
            var request = new FakeChatRequest(requests.Count, raw, DateTimeOffset.UtcNow);
            requests.Add(request);
            return request;
        }
    }

    /// <summary>Writes the answer; returns false when the connection was closed or reset on purpose.</summary>
    private async Task<bool> AnswerAsync(TcpClient client, NetworkStream stream, FakeChatRequest request, bool keepAlive, CancellationToken token)
    {
        if (!request.Path.TrimEnd('/').EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await WriteResponseAsync(stream, 404, "application/json", ChatCompletionJson.Error($"FakeOpenAIServer serves only chat completions, not '{request.Path}'.", "invalid_request_error"), [], keepAlive, token)
                .ConfigureAwait(false);
            return true;
        }

        if (request.Method != "POST")
        {
            await WriteResponseAsync(stream, 405, "application/json", ChatCompletionJson.Error($"Method {request.Method} is not allowed.", "invalid_request_error"), [], keepAlive, token)
                .ConfigureAwait(false);
            return true;
        }

        var reply = ChooseReply(request);
        if (reply.Delay > TimeSpan.Zero || reply.Delay == Timeout.InfiniteTimeSpan)
        {
            await Task.Delay(reply.Delay, token).ConfigureAwait(false);
        }

        switch (reply.Kind)
        {
            case FakeReplyKind.Reset:
                Reset(client);
                return false;
            case FakeReplyKind.Close:
                client.Client.Shutdown(SocketShutdown.Both);
                return false;
            case FakeReplyKind.Raw:
                await WriteResponseAsync(stream, reply.Status, "application/json", reply.Body!, reply.Headers, keepAlive, token).ConfigureAwait(false);
                return true;
            case FakeReplyKind.Malformed when !request.Stream:
                await WriteResponseAsync(stream, 200, "application/json", reply.Body!, reply.Headers, keepAlive, token).ConfigureAwait(false);
                return true;
            case FakeReplyKind.Malformed:
                await WriteResponseAsync(stream, 200, "text/event-stream", $"data: {reply.Body}\n\ndata: [DONE]\n\n", reply.Headers, keepAlive, token).ConfigureAwait(false);
                return true;
            default:
                var id = reply.Id ?? string.Create(CultureInfo.InvariantCulture, $"chatcmpl-fake-{request.Index}");
                var model = reply.Model ?? request.Model ?? "fake-model";
                if (!request.Stream)
                {
                    await WriteResponseAsync(stream, 200, "application/json", ChatCompletionJson.Completion(reply, id, model), reply.Headers, keepAlive, token)
                        .ConfigureAwait(false);
                    return true;
                }

                return await StreamAsync(client, stream, request, reply, id, model, keepAlive, token).ConfigureAwait(false);
        }
    }

    private FakeReply ChooseReply(FakeChatRequest request)
    {
        if (queue.TryDequeue(out var queued))
        {
            return queued;
        }

        if (responder is null)
        {
            return FakeReply.Json(500, ChatCompletionJson.Error(
                string.Create(CultureInfo.InvariantCulture, $"FakeOpenAIServer has no reply scripted for request #{request.Index}."), "fake_server_error"));
        }

        try
        {
            return responder(request);
        }
        catch (Exception ex)
        {
            // A failing responder must become a visible 500 for the client under test, not a dropped connection.
            return FakeReply.Json(500, ChatCompletionJson.Error($"FakeOpenAIServer responder threw {ex.GetType().Name}: {ex.Message}", "fake_server_error"));
        }
    }

    private static async Task<bool> StreamAsync(
        TcpClient client, NetworkStream stream, FakeChatRequest request, FakeReply reply, string id, string model, bool keepAlive, CancellationToken token)
    {
        var head = new StringBuilder()
            .Append("HTTP/1.1 200 OK\r\n")
            .Append("Content-Type: text/event-stream\r\n")
            .Append("Cache-Control: no-cache\r\n")
            .Append("Transfer-Encoding: chunked\r\n")
            .Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        AppendHeaders(head, reply.Headers);
        await WriteAsync(stream, head.Append("\r\n").ToString(), token).ConfigureAwait(false);

        if (reply.FirstChunkDelay > TimeSpan.Zero)
        {
            await Task.Delay(reply.FirstChunkDelay, token).ConfigureAwait(false);
        }

        var deltas = ChatCompletionJson.DeltaChunks(reply, id, model);
        for (var i = 0; i < deltas.Count; i++)
        {
            if (reply.AbortAfterChunks == i)
            {
                Reset(client);
                return false;
            }

            if (i > 0 && reply.ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(reply.ChunkDelay, token).ConfigureAwait(false);
            }

            await WriteEventAsync(stream, deltas[i], token).ConfigureAwait(false);
        }

        if (reply.AbortAfterChunks == deltas.Count)
        {
            Reset(client);
            return false;
        }

        if (reply.ChunkDelay > TimeSpan.Zero)
        {
            await Task.Delay(reply.ChunkDelay, token).ConfigureAwait(false);
        }

        await WriteEventAsync(stream, ChatCompletionJson.FinalChunk(reply, id, model), token).ConfigureAwait(false);
        if (request.IncludeUsage && reply.IncludesUsage)
        {
            await WriteEventAsync(stream, ChatCompletionJson.UsageChunk(reply, id, model), token).ConfigureAwait(false);
        }

        await WriteEventAsync(stream, "[DONE]", token).ConfigureAwait(false);
        await WriteAsync(stream, "0\r\n\r\n", token).ConfigureAwait(false);
        return true;
    }

    private static Task WriteEventAsync(NetworkStream stream, string data, CancellationToken token)
    {
        var payload = Encoding.UTF8.GetBytes($"data: {data}\n\n");
        var chunk = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{payload.Length:X}\r\n"))
            .Concat(payload)
            .Concat("\r\n"u8.ToArray())
            .ToArray();
        return stream.WriteAsync(chunk, token).AsTask();
    }

    private static async Task WriteResponseAsync(
        NetworkStream stream, int status, string contentType, string body, IReadOnlyList<KeyValuePair<string, string>> headers, bool keepAlive, CancellationToken token)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrase(status)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {bytes.Length}\r\n")
            .Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        AppendHeaders(head, headers);
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()).Concat(bytes).ToArray(), token).ConfigureAwait(false);
    }

    private static void AppendHeaders(StringBuilder head, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }
    }

    private static Task WriteAsync(NetworkStream stream, string text, CancellationToken token) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), token).AsTask();

    /// <summary>Closes with SO_LINGER 0, which sends a TCP RST instead of a FIN: the client sees "connection reset".</summary>
    private static void Reset(TcpClient client)
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    };
}
