using System.Text;

namespace EvalHarness.Tests.Telemetry;

/// <summary>
/// Reads the spans out of an OTLP ExportTraceServiceRequest (protobuf) by field number: resource_spans(1) → scope_spans(2) → spans(2) →
/// span_id(2), parent_span_id(4), name(5), attributes(9) as KeyValue{key(1), value(2): AnyValue{string(1), bool(2), int(3), double(4)}}.
/// </summary>
internal static class OtlpSpans
{
    public static List<Span> Read(byte[] request)
    {
        var spans = new List<Span>();
        foreach (var resourceSpans in Fields(request).Where(f => f.Number == 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans.Bytes!).Where(f => f.Number == 2))
            {
                spans.AddRange(Fields(scopeSpans.Bytes!).Where(f => f.Number == 2).Select(f => ReadSpan(f.Bytes!)));
            }
        }

        return spans;
    }

    private static Span ReadSpan(byte[] bytes)
    {
        var fields = Fields(bytes);
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var attribute in fields.Where(f => f.Number == 9))
        {
            var kv = Fields(attribute.Bytes!);
            var key = Encoding.UTF8.GetString(kv.Single(f => f.Number == 1).Bytes!);
            var value = Fields(kv.Single(f => f.Number == 2).Bytes!).Single();
            attributes[key] = value.Number switch
            {
                1 => Encoding.UTF8.GetString(value.Bytes!),
                2 => value.Varint != 0,
                3 => (long)value.Varint,
                4 => BitConverter.Int64BitsToDouble((long)value.Varint),
                _ => "(unsupported)",
            };
        }

        string Hex(int number) => Convert.ToHexString(fields.FirstOrDefault(f => f.Number == number).Bytes ?? []);
        return new Span(Encoding.UTF8.GetString(fields.Single(f => f.Number == 5).Bytes!), Hex(2), Hex(4), attributes);
    }

    private static List<Field> Fields(byte[] bytes)
    {
        var result = new List<Field>();
        var i = 0;
        while (i < bytes.Length)
        {
            var tag = Varint(bytes, ref i);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    result.Add(new Field(number, Varint(bytes, ref i), null));
                    break;
                case 1:
                    result.Add(new Field(number, BitConverter.ToUInt64(bytes, i), null));
                    i += 8;
                    break;
                case 2:
                    var length = (int)Varint(bytes, ref i);
                    result.Add(new Field(number, 0, bytes[i..(i + length)]));
                    i += length;
                    break;
                case 5:
                    result.Add(new Field(number, BitConverter.ToUInt32(bytes, i), null));
                    i += 4;
                    break;
                default:
                    throw new InvalidDataException("unexpected protobuf wire type " + (tag & 7));
            }
        }

        return result;
    }

    private static ulong Varint(byte[] bytes, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    internal readonly record struct Field(int Number, ulong Varint, byte[]? Bytes);

    internal sealed record Span(string Name, string SpanId, string ParentSpanId, IReadOnlyDictionary<string, object> Attributes);
}
