using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using EvalHarness.Costs;
using EvalHarness.Running;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Running;

/// <summary>
/// <see cref="CaseResultCodec"/> must give back exactly what it was given: every property of a case, its metrics, measurements, usage
/// and cost, compared by <see cref="Deep"/> (a reflection walk, doubles and decimals bit for bit), so a property the codec forgets fails here.
/// </summary>
public sealed class CaseResultCodecTests
{
    // A payload NaN: only a bit-exact codec keeps the payload.
    private static readonly double PayloadNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0123);

    internal static byte[] Encode(CaseResult value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        CaseResultCodec.Write(buffer, value);
        return buffer.WrittenSpan.ToArray();
    }

    internal static CaseResult RoundTrip(CaseResult value) => CaseResultCodec.Read(Encode(value));

#pragma warning disable MEAI001 // The experimental counts are what this test checks the codec keeps.
    private static UsageDetails FullUsage() => new()
    {
        InputTokenCount = 1_001,
        OutputTokenCount = 2_002,
        TotalTokenCount = long.MaxValue,
        CachedInputTokenCount = 303,
        ReasoningTokenCount = 404,
        InputAudioTokenCount = 505,
        InputTextTokenCount = 606,
        OutputAudioTokenCount = 707,
        OutputTextTokenCount = -808,
        AdditionalCounts = new() { ["provider.web_search_calls"] = 3, ["ünïcödé 👍"] = long.MinValue, [string.Empty] = 0 },
    };
#pragma warning restore MEAI001

    private static string Megabyte(string tail)
    {
        var builder = new StringBuilder((1 << 20) + 64);
        while (builder.Length < (1 << 20) - tail.Length)
        {
            builder.Append("refund é 東京 👍🏽 \0 line\n");
        }

        builder.Length = (1 << 20) - tail.Length;
        if (char.IsHighSurrogate(builder[^1]))
        {
            // Cut between the halves of a pair: keep the string valid UTF-16 unless the tail says otherwise.
            builder[^1] = 'x';
        }

        return builder.Append(tail).ToString();
    }

    /// <summary>A case with every property (recursively) set to something other than its default.</summary>
    internal static CaseResult FullCase() => new()
    {
        Id = "case-\uD800-👍🏽-\0",
        Line = int.MaxValue,
        Input = "input with NUL \0 and a lone low surrogate \uDC00 first",
        Expected = "a\uD800b",
        Output = Megabyte("end"),
        Verdict = Verdict.Error,
        Metrics =
        [
            new MetricResult
            {
                Name = "judge-quality",
                Score = -0.0,
                RawValue = PayloadNaN,
                Scale = "1..5",
                Verdict = Verdict.Inconclusive,
                Reason = "the judge's answer: 👍🏽 \uDBFF",
                Details = new Dictionary<string, string> { ["raw"] = "{\"score\": 4}", ["z-last"] = string.Empty, ["ä"] = "a\uD800b", [string.Empty] = "\0" },
                Duration = TimeSpan.FromTicks(1),
                JudgeMeasurements = new CallMeasurements
                {
                    LatencyMs = double.Epsilon,
                    TimeToFirstTokenMs = double.NegativeInfinity,
                    Usage = new UsageDetails { InputTokenCount = 11, OutputTokenCount = 12, TotalTokenCount = 23, CachedInputTokenCount = 4 },
                    ModelId = "judge-model",
                    Replayed = true,
                    Cost = new CallCost { Model = "judge-model", PricedAs = "judge", Usd = 0.000123m, InputUsd = 0.00010m, CachedInputUsd = 0.000003m, OutputUsd = 0.00002m, UnknownReason = "priced from a guess" },
                    Retries = 2,
                    BackoffMs = -0.0,
                },
                IsInfrastructureError = true,
            },
            new MetricResult
            {
                Name = "latency",
                Score = double.NaN,
                RawValue = double.PositiveInfinity,
                Scale = "ms",
                Verdict = Verdict.Fail,
                Reason = Megabyte("\uD800"),
                Details = new Dictionary<string, string> { ["max_ms"] = "500" },
                Duration = TimeSpan.MaxValue,
                JudgeMeasurements = CallMeasurements.None,
                IsInfrastructureError = true,
            },
        ],
        Measurements = new CallMeasurements
        {
            LatencyMs = double.MaxValue,
            TimeToFirstTokenMs = 1e-300,
            Usage = FullUsage(),
            ModelId = "gpt-4o-mini-2024-07-18",
            Replayed = true,
            Cost = new CallCost
            {
                Model = "gpt-4o-mini-2024-07-18",
                PricedAs = "gpt-4o-mini",
                Usd = decimal.MaxValue,
                InputUsd = new decimal(0, 0, 0, isNegative: true, scale: 7), // negative zero with a scale
                CachedInputUsd = 1.2300m,
                OutputUsd = -0.000000000000000000000000001m,
                UnknownReason = "partly estimated",
            },
            Retries = int.MaxValue,
            BackoffMs = double.NaN,
        },
        ErrorKind = CaseErrorKind.Infrastructure,
        Error = "endpoint returned 503 \uD83D",
        Context = ["doc one", string.Empty, "doc \uDFFF three", "東京"],
        Tags = ["smoke", "ünïcödé", "👍🏽"],
        Duration = TimeSpan.FromTicks(123_456_789_012),
    };

    /// <summary>A case with every optional property null or empty.</summary>
    private static CaseResult MinimalCase() => new() { Id = string.Empty, Verdict = Verdict.Pass };

    [Fact]
    public void AFullCaseRoundTripsExactly()
    {
        var original = FullCase();

        var decoded = RoundTrip(original);

        Deep.AssertEqual(original, decoded);
        Assert.Equal(1 << 20, decoded.Output!.Length);
        Assert.EndsWith("\uD800", decoded.Metrics[1].Reason, StringComparison.Ordinal);
        Assert.Equal(0x7FF8_0000_0000_0123, BitConverter.DoubleToInt64Bits(decoded.Metrics[0].RawValue!.Value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(decoded.Metrics[0].Score!.Value));
        Assert.Equal([0, 0, 0, unchecked((int)0x8007_0000)], decimal.GetBits(decoded.Measurements.Cost!.InputUsd));
        Assert.Equal("0.000123", decoded.Metrics[0].JudgeMeasurements!.Cost!.Usd!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("1.2300", decoded.Measurements.Cost.CachedInputUsd.ToString(CultureInfo.InvariantCulture));
        Assert.Same(CallMeasurements.None, decoded.Metrics[1].JudgeMeasurements);
        Assert.Equal(123_456_789_012, decoded.Duration.Ticks);
    }

    [Fact]
    public void TheFullCaseSetsEveryProperty()
    {
        // Guards the test itself: a property left at its default would round-trip even if the codec dropped it.
        var unset = new List<string>();
        Deep.CollectUnset(FullCase(), "case", unset);

        // The judge's usage is deliberately the packed shape (only the four common counts); the case's own usage sets everything.
        Assert.DoesNotContain(unset, path => !path.StartsWith("case.Metrics[0].JudgeMeasurements.Usage.", StringComparison.Ordinal));
        Assert.Equal(
            ["AdditionalCounts", "InputAudioTokenCount", "InputTextTokenCount", "OutputAudioTokenCount", "OutputTextTokenCount", "ReasoningTokenCount"],
            unset.Select(path => path[(path.LastIndexOf('.') + 1)..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryPropertyTheseTestsKnowIsAllThereIs()
    {
        // A property added to one of these types must be added to FullCase() (and to the codec): this list makes that visible.
        Assert.Equal(
            ["Context", "CountsTowardsGate", "Duration", "Error", "ErrorKind", "Expected", "Id", "Input", "Line", "Measurements", "Metrics", "Output", "Tags", "Verdict"],
            Deep.PropertyNames(typeof(CaseResult)));
        Assert.Equal(
            ["Details", "Duration", "IsInfrastructureError", "JudgeMeasurements", "Name", "RawValue", "Reason", "Scale", "Score", "Verdict"],
            Deep.PropertyNames(typeof(MetricResult)));
        Assert.Equal(
            ["BackoffMs", "Cost", "LatencyMs", "ModelId", "Replayed", "Retries", "TimeToFirstTokenMs", "Usage"],
            Deep.PropertyNames(typeof(CallMeasurements)));
        Assert.Equal(
            ["CachedInputUsd", "InputUsd", "IsKnown", "Model", "OutputUsd", "PricedAs", "UnknownReason", "Usd"],
            Deep.PropertyNames(typeof(CallCost)));
        Assert.Equal(
            ["AdditionalCounts", "CachedInputTokenCount", "InputAudioTokenCount", "InputTextTokenCount", "InputTokenCount", "OutputAudioTokenCount",
                "OutputTextTokenCount", "OutputTokenCount", "ReasoningTokenCount", "TotalTokenCount"],
            Deep.PropertyNames(typeof(UsageDetails)));
    }

    [Fact]
    public void AMinimalCaseKeepsItsNullsAndEmpties()
    {
        var original = MinimalCase();

        var decoded = RoundTrip(original);

        Deep.AssertEqual(original, decoded);
        Assert.Null(decoded.Input);
        Assert.Null(decoded.Expected);
        Assert.Null(decoded.Output);
        Assert.Null(decoded.Error);
        Assert.Equal(string.Empty, decoded.Id);
        Assert.Empty(decoded.Metrics);
        Assert.Empty(decoded.Context);
        Assert.Empty(decoded.Tags);
        Assert.Same(CallMeasurements.None, decoded.Measurements);
        Assert.Equal(TimeSpan.Zero, decoded.Duration);
    }

    [Fact]
    public void EmptyStringsStayEmptyAndNullsStayNull()
    {
        var original = new CaseResult { Id = "e", Verdict = Verdict.Fail, Input = string.Empty, Expected = null, Output = string.Empty, Error = string.Empty };

        var decoded = RoundTrip(original);

        Assert.Equal(string.Empty, decoded.Input);
        Assert.Null(decoded.Expected);
        Assert.Equal(string.Empty, decoded.Output);
        Assert.Equal(string.Empty, decoded.Error);
    }

    [Fact]
    public void AMetricWithNothingOptionalRoundTrips()
    {
        var metric = new MetricResult { Name = "m", Verdict = Verdict.Pass };
        var original = new CaseResult { Id = "m", Verdict = Verdict.Pass, Metrics = [metric, MetricResult.Error("broken", "no value")] };

        var decoded = RoundTrip(original);

        Deep.AssertEqual(original, decoded);
        Assert.Null(decoded.Metrics[0].Score);
        Assert.Null(decoded.Metrics[0].RawValue);
        Assert.Null(decoded.Metrics[0].Scale);
        Assert.Null(decoded.Metrics[0].JudgeMeasurements);
        Assert.Empty(decoded.Metrics[0].Details);
        Assert.False(decoded.Metrics[0].IsInfrastructureError);
        Assert.Equal(Verdict.Error, decoded.Metrics[1].Verdict);
        Assert.Equal("no value", decoded.Metrics[1].Reason);
    }

    [Fact]
    public void NoneStaysTheSingletonAndAnEmptyMeasurementDoesNotBecomeIt()
    {
        var empty = new CallMeasurements();
        var original = new CaseResult
        {
            Id = "n",
            Verdict = Verdict.Pass,
            Measurements = empty,
            Metrics =
            [
                new MetricResult { Name = "a", Verdict = Verdict.Pass, JudgeMeasurements = CallMeasurements.None },
                new MetricResult { Name = "b", Verdict = Verdict.Pass, JudgeMeasurements = null },
                new MetricResult { Name = "c", Verdict = Verdict.Pass, JudgeMeasurements = new CallMeasurements { Retries = 1 } },
            ],
        };

        var decoded = RoundTrip(original);
        var none = RoundTrip(original with { Measurements = CallMeasurements.None });

        Assert.Same(CallMeasurements.None, none.Measurements);
        Assert.NotSame(CallMeasurements.None, decoded.Measurements);
        Assert.Null(decoded.Measurements.LatencyMs);
        Assert.Same(CallMeasurements.None, decoded.Metrics[0].JudgeMeasurements);
        Assert.Null(decoded.Metrics[1].JudgeMeasurements);
        Assert.Equal(1, decoded.Metrics[2].JudgeMeasurements!.Retries);
        Deep.AssertEqual(original, decoded);
    }

#pragma warning disable MEAI001 // Checks that the experimental counts survive, and that a missing AdditionalCounts stays missing.
    [Fact]
    public void UsageShapesRoundTrip()
    {
        UsageDetails?[] usages =
        [
            null,
            new UsageDetails(),
            new UsageDetails { InputTokenCount = 20, OutputTokenCount = 12, TotalTokenCount = 32, CachedInputTokenCount = 0 },
            new UsageDetails { OutputTokenCount = 9 },
            new UsageDetails { ReasoningTokenCount = 5 },
            new UsageDetails { InputAudioTokenCount = 1, InputTextTokenCount = 2, OutputAudioTokenCount = 3, OutputTextTokenCount = 4 },
            new UsageDetails { InputTokenCount = 1, AdditionalCounts = [] },
            FullUsage(),
        ];

        foreach (var usage in usages)
        {
            var original = new CaseResult { Id = "u", Verdict = Verdict.Pass, Measurements = new CallMeasurements { Usage = usage, LatencyMs = 1 } };

            var decoded = RoundTrip(original);

            Deep.AssertEqual(original, decoded);
        }

        var emptyAdditional = RoundTrip(new CaseResult { Id = "u", Verdict = Verdict.Pass, Measurements = new CallMeasurements { Usage = usages[6] } });
        Assert.NotNull(emptyAdditional.Measurements.Usage!.AdditionalCounts);
        Assert.Empty(emptyAdditional.Measurements.Usage.AdditionalCounts);
        var full = RoundTrip(new CaseResult { Id = "u", Verdict = Verdict.Pass, Measurements = new CallMeasurements { Usage = FullUsage() } }).Measurements.Usage!;
        Assert.Equal(404, full.ReasoningTokenCount);
        Assert.Equal(505, full.InputAudioTokenCount);
        Assert.Equal(606, full.InputTextTokenCount);
        Assert.Equal(707, full.OutputAudioTokenCount);
        Assert.Equal(-808, full.OutputTextTokenCount);
        Assert.Equal(long.MinValue, full.AdditionalCounts!["ünïcödé 👍"]);
        Assert.Equal(3, full.AdditionalCounts.Count);
    }
#pragma warning restore MEAI001

    [Fact]
    public void CostsKeepUnknownAndScaledAmounts()
    {
        CallCost?[] costs =
        [
            null,
            new CallCost(),
            CallCost.Unknown("m", "no price for model 'm'"),
            new CallCost { Model = "m", PricedAs = "m", Usd = 0m, InputUsd = 0m, OutputUsd = 0m },
            new CallCost { Model = "m", PricedAs = "m", Usd = 0.000123m, InputUsd = 0.000100m, CachedInputUsd = 0.0000030m, OutputUsd = 0.00002m },
            new CallCost { Usd = decimal.MinValue, InputUsd = decimal.MaxValue, CachedInputUsd = 79228162514264337593543950335m, OutputUsd = 1e-28m },
        ];

        foreach (var cost in costs)
        {
            var original = new CaseResult { Id = "c", Verdict = Verdict.Pass, Measurements = new CallMeasurements { Cost = cost } };

            var decoded = RoundTrip(original);

            Deep.AssertEqual(original, decoded);
        }

        Assert.Null(RoundTrip(new CaseResult { Id = "c", Verdict = Verdict.Pass, Measurements = new CallMeasurements { Cost = costs[2] } }).Measurements.Cost!.Usd);
        Assert.Equal(0m, RoundTrip(new CaseResult { Id = "c", Verdict = Verdict.Pass, Measurements = new CallMeasurements { Cost = costs[3] } }).Measurements.Cost!.Usd);
    }

    [Fact]
    public void SpecialDoublesRoundTripBitForBit()
    {
        double[] values = [-0.0, 0.0, double.NaN, PayloadNaN, -double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon,
            double.MaxValue, double.MinValue, 0.1 + 0.2, 1e-310];

        foreach (var value in values)
        {
            var original = new CaseResult
            {
                Id = "d",
                Verdict = Verdict.Pass,
                Metrics = [new MetricResult { Name = "m", Verdict = Verdict.Pass, Score = value, RawValue = value }],
                Measurements = new CallMeasurements { LatencyMs = value, TimeToFirstTokenMs = value, BackoffMs = value },
            };

            var decoded = RoundTrip(original);

            var bits = BitConverter.DoubleToInt64Bits(value);
            Assert.Equal(bits, BitConverter.DoubleToInt64Bits(decoded.Metrics[0].Score!.Value));
            Assert.Equal(bits, BitConverter.DoubleToInt64Bits(decoded.Metrics[0].RawValue!.Value));
            Assert.Equal(bits, BitConverter.DoubleToInt64Bits(decoded.Measurements.LatencyMs!.Value));
            Assert.Equal(bits, BitConverter.DoubleToInt64Bits(decoded.Measurements.TimeToFirstTokenMs!.Value));
            Assert.Equal(bits, BitConverter.DoubleToInt64Bits(decoded.Measurements.BackoffMs));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain ascii")]
    [InlineData("a\uD800b")]
    [InlineData("\uDC00 starts with a lone low surrogate")]
    [InlineData("ends with a lone high surrogate \uD83D")]
    [InlineData("reversed pair \uDC00\uD800")]
    [InlineData("emoji 👍🏽 and 東京 and é")]
    [InlineData("NUL \0 inside")]
    [InlineData("\0")]
    [InlineData("\uFFFF\uFFFE noncharacters \u200B")]
    public void StringsRoundTripCodeUnitForCodeUnit(string text)
    {
        var original = new CaseResult
        {
            Id = text,
            Verdict = Verdict.Pass,
            Input = text,
            Expected = text,
            Output = text,
            Error = text,
            Context = [text],
            Tags = [text],
            Metrics = [new MetricResult { Name = text, Verdict = Verdict.Pass, Reason = text, Scale = text, Details = new Dictionary<string, string> { [text] = text } }],
            Measurements = new CallMeasurements { ModelId = text, Cost = new CallCost { Model = text, PricedAs = text, UnknownReason = text } },
        };

        var decoded = RoundTrip(original);

        Deep.AssertEqual(original, decoded);
        Assert.Equal(text.ToCharArray(), decoded.Output!.ToCharArray());
    }

    [Fact]
    public void MegabyteStringsRoundTripWithAndWithoutValidUtf16()
    {
        var valid = Megabyte("done");
        var invalid = Megabyte("\uDC00");
        var original = new CaseResult { Id = "big", Verdict = Verdict.Pass, Output = valid, Input = invalid };

        var decoded = RoundTrip(original);

        Assert.True(string.Equals(valid, decoded.Output, StringComparison.Ordinal), "the valid megabyte string changed");
        Assert.True(string.Equals(invalid, decoded.Input, StringComparison.Ordinal), "the megabyte string with a lone surrogate changed");
    }

    [Fact]
    public void EveryVerdictAndErrorKindRoundTrips()
    {
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            foreach (var kind in Enum.GetValues<CaseErrorKind>())
            {
                var original = new CaseResult
                {
                    Id = verdict + "/" + kind,
                    Verdict = verdict,
                    ErrorKind = kind,
                    Metrics = [new MetricResult { Name = "m", Verdict = verdict, IsInfrastructureError = kind == CaseErrorKind.Infrastructure }],
                };

                var decoded = RoundTrip(original);

                Assert.Equal(verdict, decoded.Verdict);
                Assert.Equal(kind, decoded.ErrorKind);
                Assert.Equal(verdict, decoded.Metrics[0].Verdict);
                Assert.Equal(kind == CaseErrorKind.Infrastructure, decoded.Metrics[0].IsInfrastructureError);
                Assert.Equal(kind != CaseErrorKind.Excluded, decoded.CountsTowardsGate);
            }
        }

        Assert.Equal(4, Enum.GetValues<Verdict>().Length);
        Assert.Equal(8, Enum.GetValues<CaseErrorKind>().Length);
    }

    [Fact]
    public void DetailsKeepEveryEntry()
    {
        var details = Enumerable.Range(0, 200).ToDictionary(i => "key-" + i.ToString("D3", CultureInfo.InvariantCulture), i => new string('v', i));
        var original = new CaseResult { Id = "d", Verdict = Verdict.Pass, Metrics = [new MetricResult { Name = "m", Verdict = Verdict.Pass, Details = details }] };

        var decoded = RoundTrip(original).Metrics[0].Details;

        Assert.Equal(200, decoded.Count);
        Assert.Equal(new string('v', 150), decoded["key-150"]);
        Assert.Equal(string.Empty, decoded["key-000"]);
        Assert.Equal(details.OrderBy(d => d.Key, StringComparer.Ordinal), decoded.OrderBy(d => d.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void DurationsKeepEveryTick()
    {
        foreach (var ticks in new[] { 0L, 1L, -1L, 9_999L, TimeSpan.TicksPerDay * 3 + 7, long.MaxValue, long.MinValue })
        {
            var original = new CaseResult
            {
                Id = "t",
                Verdict = Verdict.Pass,
                Duration = TimeSpan.FromTicks(ticks),
                Metrics = [new MetricResult { Name = "m", Verdict = Verdict.Pass, Duration = TimeSpan.FromTicks(ticks) }],
            };

            var decoded = RoundTrip(original);

            Assert.Equal(ticks, decoded.Duration.Ticks);
            Assert.Equal(ticks, decoded.Metrics[0].Duration.Ticks);
        }
    }

    [Fact]
    public void EncodingTheSameCaseTwiceGivesTheSameBytes()
    {
        var first = Encode(FullCase());

        var again = Encode(RoundTrip(FullCase()));

        Assert.True(first.AsSpan().SequenceEqual(again), "re-encoding a decoded case changed its bytes");
    }

    [Fact]
    public void EveryTruncationIsRejectedAsInvalidData()
    {
        var original = FullCase() with { Output = "short output", Metrics = [.. FullCase().Metrics.Select(m => m with { Reason = "r" })] };
        var bytes = Encode(original);
        var wrong = new List<string>();

        for (var length = 0; length < bytes.Length; length++)
        {
            var exception = Record.Exception(() => CaseResultCodec.Read(bytes.AsSpan(0, length)));
            if (exception is not InvalidDataException)
            {
                wrong.Add(length + ": " + (exception?.GetType().Name ?? "decoded without an error"));
            }
        }

        Assert.True(bytes.Length > 300, "the sample should exercise every field");
        Assert.True(wrong.Count == 0, "truncated input must throw InvalidDataException; at " + wrong.Count + " of " + bytes.Length + " lengths it did not, e.g. " +
            string.Join("; ", wrong.Take(5)));
    }

    [Fact]
    public void TrailingBytesAreRejected()
    {
        var bytes = Encode(FullCase() with { Output = "o" });

        var exception = Record.Exception(() => CaseResultCodec.Read([.. bytes, 0]));

        Assert.IsType<InvalidDataException>(exception);
    }

    [Fact]
    public void AnOutOfRangeVerdictOrErrorKindIsRejected()
    {
        // Where the bytes of two cases that differ only there disagree is where the field is: no knowledge of the layout needed.
        var pass = new CaseResult { Id = "x", Verdict = Verdict.Pass, Metrics = [new MetricResult { Name = "m", Verdict = Verdict.Pass }] };
        var positions = new[]
        {
            DifferingByte(pass, pass with { Verdict = Verdict.Error }),
            DifferingByte(pass, pass with { ErrorKind = CaseErrorKind.Excluded }),
            DifferingByte(pass, pass with { Metrics = [new MetricResult { Name = "m", Verdict = Verdict.Error }] }),
        };

        foreach (var position in positions)
        {
            var bytes = Encode(pass);
            bytes[position] = 200;

            var exception = Record.Exception(() => CaseResultCodec.Read(bytes));

            Assert.True(exception is InvalidDataException, "byte " + position + " set to 200 gave " + (exception?.GetType().Name ?? "no error"));
        }
    }

    [Fact]
    public void RandomGarbageIsNeverDecoded()
    {
        var random = new Random(20_240_611);
        var decoded = new List<int>();

        for (var i = 0; i < 2_000; i++)
        {
            var garbage = new byte[random.Next(0, 400)];
            random.NextBytes(garbage);
            if (garbage.Length > 0)
            {
                // Half the samples start like a real case (a UTF-8 id) so the reader gets past the first field.
                garbage[0] = (byte)(i % 2 == 0 ? 1 : garbage[0]);
            }

            var exception = Record.Exception(() => CaseResultCodec.Read(garbage));
            if (exception is not InvalidDataException)
            {
                decoded.Add(i);
            }
        }

        Assert.True(decoded.Count == 0, decoded.Count + " garbage samples did not throw InvalidDataException, e.g. #" + string.Join(", #", decoded.Take(5)));
    }

    private static int DifferingByte(CaseResult a, CaseResult b)
    {
        var x = Encode(a);
        var y = Encode(b);
        Assert.Equal(x.Length, y.Length);
        var positions = Enumerable.Range(0, x.Length).Where(i => x[i] != y[i]).ToArray();
        return Assert.Single(positions);
    }

    /// <summary>A deep, reflection-based comparison of results: public instance properties recursively, lists elementwise, dictionaries by key, doubles and decimals bit for bit.</summary>
    internal static class Deep
    {
        public static void AssertEqual(object? expected, object? actual, params string[] ignoredProperties)
        {
            var differences = new List<string>();
            Compare(expected, actual, "$", new HashSet<string>(ignoredProperties, StringComparer.Ordinal), differences);
            Assert.True(differences.Count == 0, differences.Count + " difference(s):\n" + string.Join("\n", differences.Take(20)));
        }

        public static string[] PropertyNames(Type type) =>
            [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).Select(p => p.Name).Order(StringComparer.Ordinal)];

        /// <summary>Adds the path of every property (recursively) that holds its type's default, null or an empty collection.</summary>
        public static void CollectUnset(object value, string path, List<string> unset)
        {
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                var child = property.GetValue(value);
                var childPath = path + "." + property.Name;
                switch (child)
                {
                    case null:
                    case string { Length: 0 }:
                    case ICollection { Count: 0 }:
                        unset.Add(childPath);
                        break;
                    case string:
                        break;
                    case double number:
                        if (BitConverter.DoubleToInt64Bits(number) == 0)
                        {
                            unset.Add(childPath);
                        }

                        break;
                    case decimal amount:
                        if (decimal.GetBits(amount).All(part => part == 0))
                        {
                            unset.Add(childPath);
                        }

                        break;
                    case IEnumerable items:
                        var i = 0;
                        foreach (var item in items)
                        {
                            if (item is CaseResult or MetricResult or CallMeasurements or CallCost or UsageDetails)
                            {
                                CollectUnset(item, childPath + "[" + i + "]", unset);
                            }

                            i++;
                        }

                        break;
                    case CaseResult or MetricResult or CallMeasurements or CallCost or UsageDetails:
                        if (!ReferenceEquals(child, CallMeasurements.None))
                        {
                            CollectUnset(child, childPath, unset);
                        }

                        break;
                    default:
                        if (child.Equals(Activator.CreateInstance(child.GetType())))
                        {
                            unset.Add(childPath);
                        }

                        break;
                }
            }
        }

        private static void Compare(object? expected, object? actual, string path, HashSet<string> ignored, List<string> differences)
        {
            if (expected is null || actual is null)
            {
                if (expected is not null || actual is not null)
                {
                    differences.Add(path + ": expected " + Show(expected) + ", got " + Show(actual));
                }

                return;
            }

            if ((expected is CallMeasurements || actual is CallMeasurements) && ReferenceEquals(expected, CallMeasurements.None) != ReferenceEquals(actual, CallMeasurements.None))
            {
                differences.Add(path + ": CallMeasurements.None must decode as the same instance, and only it");
                return;
            }

            switch (expected)
            {
                case string text:
                    if (actual is not string other || !string.Equals(text, other, StringComparison.Ordinal))
                    {
                        differences.Add(path + ": strings differ" + FirstDifference(text, actual as string));
                    }

                    return;
                case double number:
                    if (actual is not double otherNumber || BitConverter.DoubleToInt64Bits(number) != BitConverter.DoubleToInt64Bits(otherNumber))
                    {
                        differences.Add(path + ": expected double bits " + BitConverter.DoubleToInt64Bits(number).ToString("X16", CultureInfo.InvariantCulture) + ", got " + Show(actual));
                    }

                    return;
                case decimal amount:
                    if (actual is not decimal otherAmount || !decimal.GetBits(amount).SequenceEqual(decimal.GetBits(otherAmount)))
                    {
                        differences.Add(path + ": expected decimal " + amount.ToString(CultureInfo.InvariantCulture) + " (bit for bit), got " + Show(actual));
                    }

                    return;
            }

            var type = expected.GetType();
            if (type.IsPrimitive || type.IsEnum || expected is TimeSpan or DateTime or DateTimeOffset)
            {
                if (!expected.Equals(actual))
                {
                    differences.Add(path + ": expected " + Show(expected) + ", got " + Show(actual));
                }

                return;
            }

            if (Entries(expected) is { } expectedEntries)
            {
                if (Entries(actual) is not { } actualEntries)
                {
                    differences.Add(path + ": expected a dictionary, got " + actual.GetType().Name);
                    return;
                }

                if (expectedEntries.Count != actualEntries.Count)
                {
                    differences.Add(path + ": expected " + expectedEntries.Count + " entries, got " + actualEntries.Count);
                    return;
                }

                for (var i = 0; i < expectedEntries.Count; i++)
                {
                    Compare(expectedEntries[i].Key, actualEntries[i].Key, path + ".keys[" + i + "]", ignored, differences);
                    Compare(expectedEntries[i].Value, actualEntries[i].Value, path + "[" + expectedEntries[i].Key + "]", ignored, differences);
                }

                return;
            }

            if (expected is IEnumerable expectedItems)
            {
                if (actual is not IEnumerable actualItems)
                {
                    differences.Add(path + ": expected a list, got " + actual.GetType().Name);
                    return;
                }

                var left = expectedItems.Cast<object?>().ToList();
                var right = actualItems.Cast<object?>().ToList();
                if (left.Count != right.Count)
                {
                    differences.Add(path + ": expected " + left.Count + " items, got " + right.Count);
                    return;
                }

                for (var i = 0; i < left.Count; i++)
                {
                    Compare(left[i], right[i], path + "[" + i + "]", ignored, differences);
                }

                return;
            }

            if (type != actual.GetType())
            {
                differences.Add(path + ": expected a " + type.Name + ", got a " + actual.GetType().Name);
                return;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length == 0 && !ignored.Contains(property.Name))
                {
                    Compare(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name, ignored, differences);
                }
            }
        }

        // Any IReadOnlyDictionary<string, T>, entries sorted by key: the codec need not keep insertion order (reports sort details by key).
        private static List<KeyValuePair<string, object?>>? Entries(object value)
        {
            var dictionary = value.GetType().GetInterfaces()
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && i.GetGenericArguments()[0] == typeof(string));
            if (dictionary is null)
            {
                return null;
            }

            var pair = typeof(KeyValuePair<,>).MakeGenericType(dictionary.GetGenericArguments());
            var key = pair.GetProperty("Key")!;
            var item = pair.GetProperty("Value")!;
            return [.. ((IEnumerable)value).Cast<object>().Select(p => new KeyValuePair<string, object?>((string)key.GetValue(p)!, item.GetValue(p)))
                .OrderBy(p => p.Key, StringComparer.Ordinal)];
        }

        private static string FirstDifference(string expected, string? actual)
        {
            if (actual is null)
            {
                return " (got null)";
            }

            var i = 0;
            while (i < expected.Length && i < actual.Length && expected[i] == actual[i])
            {
                i++;
            }

            return " at code unit " + i + " (lengths " + expected.Length + " and " + actual.Length + ")";
        }

        private static string Show(object? value) => value switch
        {
            null => "null",
            string s => "\"" + (s.Length > 60 ? s[..60] + "…" : s) + "\"",
            double d => d.ToString("R", CultureInfo.InvariantCulture) + " (bits " + BitConverter.DoubleToInt64Bits(d).ToString("X16", CultureInfo.InvariantCulture) + ")",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? value.GetType().Name,
        };
    }
}
