using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EvalHarness.Tests.Telemetry;

/// <summary>A local OTLP/HTTP receiver on 127.0.0.1: accepts POST /v1/traces and /v1/metrics (protobuf) and keeps the bodies.</summary>
internal sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        // A free port: bind port 0 with a socket, release it, and listen on it over HTTP.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Endpoint = new Uri("http://127.0.0.1:" + ((IPEndPoint)probe.LocalEndpoint).Port + "/");
            probe.Stop();
        }

        _listener.Prefixes.Add(Endpoint.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<(string Path, string ContentType, byte[] Body)> Requests { get; } = new();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal exception; nothing to report.
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
            Requests.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? string.Empty, body.ToArray()));

            // An empty ExportTraceServiceResponse is zero bytes of protobuf.
            context.Response.StatusCode = context.Request.HttpMethod == "POST" ? 200 : 405;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
    }
}
