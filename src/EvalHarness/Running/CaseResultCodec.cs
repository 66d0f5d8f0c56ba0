using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Text;
using System.Text.Unicode;
using EvalHarness.Costs;
using Microsoft.Extensions.AI;

namespace EvalHarness.Running;

/// <summary>
/// A compact, lossless binary form of a <see cref="CaseResult"/>, for results spilled to disk while a large suite runs
/// (<see cref="CaseResultStore"/>). Every property round-trips exactly: strings that are not valid UTF-16 (a lone surrogate from a
/// model) are kept as raw UTF-16, doubles and decimals bit for bit.
/// </summary>
internal static class CaseResultCodec
{
    private const byte NullString = 0;
    private const byte Utf8String = 1;
    private const byte Utf16String = 2;

    /// <summary>Appends the encoded case to <paramref name="buffer"/>.</summary>
    public static void Write(ArrayBufferWriter<byte> buffer, CaseResult c)
    {
        var w = new Writer(buffer);
        w.String(c.Id);
        w.Int(c.Line);
        w.String(c.Input);
        w.String(c.Expected);
        w.String(c.Output);
        w.Byte((byte)c.Verdict);
        w.Int(c.Metrics.Count);
        foreach (var m in c.Metrics)
        {
            WriteMetric(ref w, m);
        }

        WriteMeasurements(ref w, c.Measurements);
        w.Byte((byte)c.ErrorKind);
        w.String(c.Error);
        w.Strings(c.Context);
        w.Strings(c.Tags);
        w.Long(c.Duration.Ticks);
    }

    /// <summary>Decodes a case written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an encoded case.</exception>
    public static CaseResult Read(ReadOnlySpan<byte> bytes)
    {
        var r = new Reader(bytes);
        var id = r.String() ?? throw new InvalidDataException("a spilled case has no id");
        var line = r.Int();
        var input = r.String();
        var expected = r.String();
        var output = r.String();
        var verdict = r.VerdictValue();
        var metrics = new MetricResult[r.Count()];
        for (var i = 0; i < metrics.Length; i++)
        {
            metrics[i] = ReadMetric(ref r);
        }

        var measurements = ReadMeasurements(ref r) ?? CallMeasurements.None;
        var result = new CaseResult
        {
            Id = id,
            Line = line,
            Input = input,
            Expected = expected,
            Output = output,
            Verdict = verdict,
            Metrics = metrics,
            Measurements = measurements,
            ErrorKind = r.ErrorKindValue(),
            Error = r.String(),
            Context = r.Strings(),
            Tags = r.Strings(),
            Duration = TimeSpan.FromTicks(r.Long()),
        };
        return r.AtEnd ? result : throw new InvalidDataException("a spilled case has bytes after its end");
    }

    private static void WriteMetric(ref Writer w, MetricResult m)
    {
        w.String(m.Name);
        w.NullableDouble(m.Score);
        w.NullableDouble(m.RawValue);
        w.String(m.Scale);
        w.Byte((byte)m.Verdict);
        w.String(m.Reason);
        w.Int(m.Details.Count);
        foreach (var (key, value) in m.Details)
        {
            w.String(key);
            w.String(value);
        }

        w.Long(m.Duration.Ticks);
        WriteMeasurements(ref w, m.JudgeMeasurements);
        w.Byte(m.IsInfrastructureError ? (byte)1 : (byte)0);
    }

    private static MetricResult ReadMetric(ref Reader r)
    {
        var name = r.String() ?? throw new InvalidDataException("a spilled metric result has no name");
        var score = r.NullableDouble();
        var raw = r.NullableDouble();
        var scale = r.String();
        var verdict = r.VerdictValue();
        var reason = r.String() ?? string.Empty;
        var count = r.Count();
        IReadOnlyDictionary<string, string> details = FrozenDictionary<string, string>.Empty;
        if (count > 0)
        {
            var d = new Dictionary<string, string>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                d[r.String() ?? string.Empty] = r.String() ?? string.Empty;
            }

            details = d;
        }

        return new MetricResult
        {
            Name = name,
            Score = score,
            RawValue = raw,
            Scale = scale,
            Verdict = verdict,
            Reason = reason,
            Details = details,
            Duration = TimeSpan.FromTicks(r.Long()),
            JudgeMeasurements = ReadMeasurements(ref r),
            IsInfrastructureError = r.Byte() != 0,
        };
    }

    private static void WriteMeasurements(ref Writer w, CallMeasurements? m)
    {
        if (m is null)
        {
            w.Byte(0);
            return;
        }

        if (ReferenceEquals(m, CallMeasurements.None))
        {
            w.Byte(1);
            return;
        }

        w.Byte(2);
        w.NullableDouble(m.LatencyMs);
        w.NullableDouble(m.TimeToFirstTokenMs);
        WriteUsage(ref w, m.Usage);
        w.String(m.ModelId);
        w.Byte(m.Replayed ? (byte)1 : (byte)0);
        WriteCost(ref w, m.Cost);
        w.Int(m.Retries);
        w.Double(m.BackoffMs);
    }

    private static CallMeasurements? ReadMeasurements(ref Reader r)
    {
        switch (r.Byte())
        {
            case 0:
                return null;
            case 1:
                return CallMeasurements.None;
            case 2:
                break;
            default:
                throw new InvalidDataException("a spilled case has an unknown measurements marker");
        }

        return new CallMeasurements
        {
            LatencyMs = r.NullableDouble(),
            TimeToFirstTokenMs = r.NullableDouble(),
            Usage = ReadUsage(ref r),
            ModelId = r.String(),
            Replayed = r.Byte() != 0,
            Cost = ReadCost(ref r),
            Retries = r.Int(),
            BackoffMs = r.Double(),
        };
    }

#pragma warning disable MEAI001 // The experimental counts are part of what a provider reported; a spilled case keeps them all.
    private static void WriteUsage(ref Writer w, UsageDetails? u)
    {
        w.Byte(u is null ? (byte)0 : (byte)1);
        if (u is null)
        {
            return;
        }

        w.NullableLong(u.InputTokenCount);
        w.NullableLong(u.OutputTokenCount);
        w.NullableLong(u.TotalTokenCount);
        w.NullableLong(u.CachedInputTokenCount);
        w.NullableLong(u.ReasoningTokenCount);
        w.NullableLong(u.InputAudioTokenCount);
        w.NullableLong(u.InputTextTokenCount);
        w.NullableLong(u.OutputAudioTokenCount);
        w.NullableLong(u.OutputTextTokenCount);
        w.Int(u.AdditionalCounts is null ? -1 : u.AdditionalCounts.Count);
        foreach (var (key, value) in u.AdditionalCounts ?? [])
        {
            w.String(key);
            w.Long(value);
        }
    }

    private static UsageDetails? ReadUsage(ref Reader r)
    {
        if (r.Byte() == 0)
        {
            return null;
        }

        var usage = new UsageDetails
        {
            InputTokenCount = r.NullableLong(),
            OutputTokenCount = r.NullableLong(),
            TotalTokenCount = r.NullableLong(),
            CachedInputTokenCount = r.NullableLong(),
            ReasoningTokenCount = r.NullableLong(),
            InputAudioTokenCount = r.NullableLong(),
            InputTextTokenCount = r.NullableLong(),
            OutputAudioTokenCount = r.NullableLong(),
            OutputTextTokenCount = r.NullableLong(),
        };
        var additional = r.Int();
        if (additional >= 0)
        {
            usage.AdditionalCounts = [];
            for (var i = 0; i < additional; i++)
            {
                usage.AdditionalCounts[r.String() ?? string.Empty] = r.Long();
            }
        }

        return usage;
    }
#pragma warning restore MEAI001

    private static void WriteCost(ref Writer w, CallCost? cost)
    {
        w.Byte(cost is null ? (byte)0 : (byte)1);
        if (cost is null)
        {
            return;
        }

        w.String(cost.Model);
        w.String(cost.PricedAs);
        w.Byte(cost.Usd is null ? (byte)0 : (byte)1);
        w.Decimal(cost.Usd ?? 0);
        w.Decimal(cost.InputUsd);
        w.Decimal(cost.CachedInputUsd);
        w.Decimal(cost.OutputUsd);
        w.String(cost.UnknownReason);
    }

    private static CallCost? ReadCost(ref Reader r)
    {
        if (r.Byte() == 0)
        {
            return null;
        }

        var model = r.String();
        var pricedAs = r.String();
        var known = r.Byte() != 0;
        var usd = r.Decimal();
        return new CallCost
        {
            Model = model,
            PricedAs = pricedAs,
            Usd = known ? usd : null,
            InputUsd = r.Decimal(),
            CachedInputUsd = r.Decimal(),
            OutputUsd = r.Decimal(),
            UnknownReason = r.String(),
        };
    }

    private readonly ref struct Writer(ArrayBufferWriter<byte> buffer)
    {
        private readonly ArrayBufferWriter<byte> _buffer = buffer;

        public void Byte(byte value)
        {
            _buffer.GetSpan(1)[0] = value;
            _buffer.Advance(1);
        }

        public void Int(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
            _buffer.Advance(4);
        }

        public void Long(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
            _buffer.Advance(8);
        }

        public void Double(double value) => Long(BitConverter.DoubleToInt64Bits(value));

        public void NullableDouble(double? value)
        {
            Byte(value is null ? (byte)0 : (byte)1);
            if (value is { } v)
            {
                Double(v);
            }
        }

        public void NullableLong(long? value)
        {
            Byte(value is null ? (byte)0 : (byte)1);
            if (value is { } v)
            {
                Long(v);
            }
        }

        public void Decimal(decimal value)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            foreach (var part in bits)
            {
                Int(part);
            }
        }

        public void String(string? value)
        {
            if (value is null)
            {
                Byte(NullString);
                return;
            }

            var max = Encoding.UTF8.GetMaxByteCount(value.Length);
            var span = _buffer.GetSpan(5 + max);
            if (Utf8.FromUtf16(value, span[5..], out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
            {
                span[0] = Utf8String;
                BinaryPrimitives.WriteInt32LittleEndian(span[1..], written);
                _buffer.Advance(5 + written);
                return;
            }

            // Not valid UTF-16 (a lone surrogate): kept code unit for code unit so nothing is replaced.
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(value.AsSpan());
            span = _buffer.GetSpan(5 + bytes.Length);
            span[0] = Utf16String;
            BinaryPrimitives.WriteInt32LittleEndian(span[1..], bytes.Length);
            bytes.CopyTo(span[5..]);
            _buffer.Advance(5 + bytes.Length);
        }

        public void Strings(IReadOnlyList<string> values)
        {
            Int(values.Count);
            foreach (var value in values)
            {
                String(value);
            }
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public readonly bool AtEnd => _position == _bytes.Length;

        public byte Byte()
        {
            Need(1);
            return _bytes[_position++];
        }

        public Verdict VerdictValue() =>
            (Verdict)Byte() is var value && Enum.IsDefined(value) ? value : throw new InvalidDataException("a spilled case has an unknown verdict");

        public CaseErrorKind ErrorKindValue() =>
            (CaseErrorKind)Byte() is var value && Enum.IsDefined(value) ? value : throw new InvalidDataException("a spilled case has an unknown error kind");

        public int Int()
        {
            Need(4);
            var value = BinaryPrimitives.ReadInt32LittleEndian(_bytes[_position..]);
            _position += 4;
            return value;
        }

        public int Count()
        {
            var count = Int();
            return count < 0 || count > _bytes.Length - _position ? throw new InvalidDataException("a spilled case has an impossible count") : count;
        }

        public long Long()
        {
            Need(8);
            var value = BinaryPrimitives.ReadInt64LittleEndian(_bytes[_position..]);
            _position += 8;
            return value;
        }

        public double Double() => BitConverter.Int64BitsToDouble(Long());

        public double? NullableDouble() => Byte() == 0 ? null : Double();

        public long? NullableLong() => Byte() == 0 ? null : Long();

        public decimal Decimal()
        {
            Span<int> bits = stackalloc int[4];
            for (var i = 0; i < 4; i++)
            {
                bits[i] = Int();
            }

            return new decimal(bits);
        }

        public string? String()
        {
            var kind = Byte();
            if (kind == NullString)
            {
                return null;
            }

            var length = Count();
            Need(length);
            var span = _bytes.Slice(_position, length);
            _position += length;
            return kind switch
            {
                Utf8String => Encoding.UTF8.GetString(span),
                Utf16String => new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(span)),
                _ => throw new InvalidDataException("a spilled case has an unknown string marker"),
            };
        }

        // A record cut short must be refused as such, never read past its end.
        private readonly void Need(int count)
        {
            if (count > _bytes.Length - _position)
            {
                throw new InvalidDataException("a spilled case ended early");
            }
        }

        public string[] Strings()
        {
            var values = new string[Count()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = String() ?? string.Empty;
            }

            return values;
        }
    }
}
