using System.Text;
using System.Text.Json;

namespace EvalHarness.Reporting;

/// <summary>
/// Walks a JSON stream token by token through one <see cref="Utf8JsonReader"/> state carried across buffer refills, and hands out whole
/// values as byte slices of its buffer; the buffer only ever holds the largest single value read whole, not the document.
/// </summary>
/// <remarks>
/// Syntax errors are thrown as <see cref="JsonException"/> with the file's line and byte position (the reader state carries them).
/// <see cref="Locate"/> gives the line and column of a token the way <c>JsonPositions.At</c> computes them on the whole file.
/// </remarks>
internal sealed class JsonTokenStream(Stream stream, int bufferSize = JsonTokenStream.DefaultBufferSize)
{
    /// <summary>The initial buffer size; it doubles whenever a single value does not fit.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    private byte[] _buffer = new byte[Math.Max(bufferSize, 1)];
    private int _position;
    private int _end;
    private long _bufferOffset;
    private bool _final;
    private JsonReaderState _state = new(new JsonReaderOptions());

    // Line counting: everything before _scanned has been counted; bytes are counted before they leave the buffer.
    private long _scanned;
    private int _line = 1;
    private int _column;

    /// <summary>The name of the last property-name token read by <see cref="Next"/>, else null.</summary>
    public string? PropertyName { get; private set; }

    /// <summary>The file offset of the last token peeked or read (for <see cref="Value"/>, the value's first byte).</summary>
    public long TokenStart { get; private set; }

    /// <summary>The next token's type without consuming it; <see cref="JsonTokenType.None"/> at the end of the data.</summary>
    public JsonTokenType Peek()
    {
        while (true)
        {
            var reader = Reader();
            if (reader.Read())
            {
                TokenStart = _bufferOffset + _position + reader.TokenStartIndex;
                return reader.TokenType;
            }

            if (_final)
            {
                return JsonTokenType.None;
            }

            Refill();
        }
    }

    /// <summary>Consumes one token; <see cref="JsonTokenType.None"/> at the end of the data.</summary>
    public JsonTokenType Next()
    {
        while (true)
        {
            var reader = Reader();
            if (reader.Read())
            {
                TokenStart = _bufferOffset + _position + reader.TokenStartIndex;
                PropertyName = reader.TokenType == JsonTokenType.PropertyName ? reader.GetString() : null;
                var type = reader.TokenType;
                Commit(ref reader);
                return type;
            }

            if (_final)
            {
                return JsonTokenType.None;
            }

            Refill();
        }
    }

    /// <summary>Consumes the next value whole and returns its bytes, valid until the next call on this stream.</summary>
    public ReadOnlyMemory<byte> Value()
    {
        while (true)
        {
            var reader = Reader();
            if (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                if (reader.TrySkip())
                {
                    TokenStart = _bufferOffset + _position + start;
                    var value = _buffer.AsMemory(_position + start, (int)reader.BytesConsumed - start);
                    Commit(ref reader);
                    return value;
                }
            }

            if (_final)
            {
                // A final-block reader throws on incomplete data before getting here.
                throw new InvalidOperationException("the JSON data ended inside a value");
            }

            Refill();
        }
    }

    /// <summary>Consumes the next value token by token, so a large value never has to fit in the buffer.</summary>
    public void Skip()
    {
        var depth = -1;
        while (true)
        {
            var reader = Reader();
            while (reader.Read())
            {
                if (depth < 0)
                {
                    if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                    {
                        Commit(ref reader);
                        return;
                    }

                    depth = reader.CurrentDepth;
                }
                else if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == depth)
                {
                    Commit(ref reader);
                    return;
                }
            }

            Commit(ref reader);
            if (_final)
            {
                throw new InvalidOperationException("the JSON data ended inside a value");
            }

            Refill();
        }
    }

    /// <summary>The 1-based line and column of a file offset at or after every offset located before (call it right after reading the token).</summary>
    public (int Line, int Column) Locate(long offset)
    {
        if (offset < _scanned || offset > _bufferOffset + _end)
        {
            throw new InvalidOperationException("offsets are located in order, while their bytes are in the buffer");
        }

        Scan(offset);
        return (_line, _column + 1);
    }

    private Utf8JsonReader Reader() => new(_buffer.AsSpan(_position, _end - _position), _final, _state);

    private void Commit(ref Utf8JsonReader reader)
    {
        _position += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private void Refill()
    {
        Scan(_bufferOffset + _position);
        if (_position > 0)
        {
            Buffer.BlockCopy(_buffer, _position, _buffer, 0, _end - _position);
            _bufferOffset += _position;
            _end -= _position;
            _position = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _final = true;
        }

        _end += read;
    }

    private void Scan(long offset)
    {
        var bytes = _buffer.AsSpan((int)(_scanned - _bufferOffset), (int)(offset - _scanned));
        var lastNewLine = bytes.LastIndexOf((byte)'\n');
        if (lastNewLine >= 0)
        {
            _line += bytes.Count((byte)'\n');
            _column = 0;
            bytes = bytes[(lastNewLine + 1)..];
        }

        // Scans stop at token boundaries, so no character is split: the count matches one over the whole line.
        _column += Encoding.UTF8.GetCharCount(bytes);
        _scanned = offset;
    }
}
