using System.Globalization;
using System.Text;

namespace EvalHarness.Testing;

/// <summary>
/// Reads HTTP/1.1 requests (Content-Length or chunked bodies) from a connection, one after another for keep-alive.
/// </summary>
/// <remarks>Hand-written because the fake must be able to reset a connection at any byte, which HttpListener cannot.</remarks>
internal sealed class HttpRequestReader(Stream stream)
{
    private const int MaxHeaderBytes = 1024 * 1024;
    private static readonly byte[] HeaderTerminator = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineTerminator = "\r\n"u8.ToArray();

    private byte[] buffer = new byte[16 * 1024];
    private int start;
    private int end;

    /// <summary>Reads the next request, or returns null when the client closed the connection between requests.</summary>
    public async Task<RawHttpRequest?> ReadAsync(Func<Task> sendContinue, CancellationToken cancellationToken)
    {
        int headerEnd;
        while ((headerEnd = IndexOf(HeaderTerminator)) < 0)
        {
            if (end - start > MaxHeaderBytes)
            {
                throw new InvalidDataException("Request headers exceed 1 MiB.");
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return end == start ? null : throw new InvalidDataException("Connection closed in the middle of request headers.");
            }
        }

        var headerText = Encoding.Latin1.GetString(buffer, start, headerEnd - start);
        start = headerEnd + HeaderTerminator.Length;

        var lines = headerText.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            throw new InvalidDataException($"Malformed request line '{lines[0]}'.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"Malformed header line '{line}'.");
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var previous) ? previous + ", " + value : value;
        }

        if (headers.TryGetValue("Expect", out var expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            await sendContinue().ConfigureAwait(false);
        }

        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedBodyAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (headers.TryGetValue("Content-Length", out var lengthText))
        {
            if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                throw new InvalidDataException($"Malformed Content-Length '{lengthText}'.");
            }

            body = await ReadExactlyAsync(length, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            body = [];
        }

        return new RawHttpRequest(requestLine[0], requestLine[1], requestLine[2], headers, body);
    }

    private async Task<byte[]> ReadChunkedBodyAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var sizeText = sizeLine.Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
            {
                throw new InvalidDataException($"Malformed chunk size '{sizeLine}'.");
            }

            if (size == 0)
            {
                // Trailers end with an empty line.
                while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                {
                }

                return body.ToArray();
            }

            var chunk = await ReadExactlyAsync(size, cancellationToken).ConfigureAwait(false);
            body.Write(chunk);
            if ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length != 0)
            {
                throw new InvalidDataException("Chunk data is not followed by CRLF.");
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        int lineEnd;
        while ((lineEnd = IndexOf(LineTerminator)) < 0)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidDataException("Connection closed in the middle of a chunked body.");
            }
        }

        var line = Encoding.Latin1.GetString(buffer, start, lineEnd - start);
        start = lineEnd + LineTerminator.Length;
        return line;
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        while (end - start < count)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidDataException($"Connection closed after {end - start} of {count} body bytes.");
            }
        }

        var result = buffer.AsSpan(start, count).ToArray();
        start += count;
        return result;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
        end += read;
        return read > 0;
    }

    private int IndexOf(byte[] pattern)
    {
        var index = buffer.AsSpan(start, end - start).IndexOf(pattern);
        return index < 0 ? -1 : start + index;
    }
}
