using System.Net.Sockets;

namespace EvalHarness.Cli.Doctor;

/// <summary>
/// Whether an OpenAI-compatible endpoint answers at all: a GET of <c>&lt;base&gt;/models</c> without credentials, where any HTTP status (401
/// included) means reachable. Connection and read share one short timeout, so a refused loopback port fails at once and a silent host
/// fails after the timeout.
/// </summary>
internal static class EndpointProbe
{
    public static async Task<string?> UnreachableReasonAsync(Uri baseUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { ConnectTimeout = timeout, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { Timeout = timeout };
        var url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/models");
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (HttpRequestException ex)
        {
            return ex.InnerException is SocketException socket ? socket.SocketErrorCode + " (" + socket.Message + ")" : ex.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "no answer within " + timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s";
        }
    }
}
