using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EvalHarness.Judging;
using EvalHarness.Testing;
using EvalHarness.Tests.Resilience;
using static EvalHarness.Tests.Judging.JudgeTestKit;

namespace EvalHarness.Tests.Judging;

/// <summary>Noise made visible: samples with their aggregate and spread, straddling samples, pairwise order swaps, sampled cases.</summary>
public sealed class JudgeSamplingTests
{
    // Sample i is sent with seed 42 + i: even seeds get 5, odd seeds 1 (or 4 when the judge wavers less): an alternating judge.
    private static Func<FakeChatRequest, FakeReply> Alternating(int high, int low) => request =>
        FakeReply.Text("{\"reasoning\": \"seed " + request.GetProperty("seed")!.Value.GetInt32() + "\", \"score\": " +
            (request.GetProperty("seed")!.Value.GetInt32() % 2 == 0 ? high : low) + "}");

    [Theory]
    [InlineData("mean", 0.6, 3.4)]
    [InlineData("median", 1.0, 5.0)]
    [InlineData("majority", 1.0, 5.0)]
    public async Task FiveAlternatingSamples_StraddlingTheThreshold_AreInconclusive_WithAggregateAndSpread(string aggregate, double score, double raw)
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(Alternating(5, 1));
        var metric = Create("relevance: { samples: 5, aggregate: " + aggregate + ", threshold: 0.75 }", Judge(server, time));

        var result = await Evaluate(metric);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Equal(score, result.Score!.Value, 12);
        Assert.Equal(raw, result.RawValue!.Value, 12);
        Assert.Equal("1..5", result.Scale);
        Assert.Equal("5,1,5,1,5", result.Details[JudgeDetails.Scores]);
        Assert.Equal("5", result.Details[JudgeDetails.Samples]);
        Assert.Equal(aggregate, result.Details[JudgeDetails.Aggregate]);
        Assert.Equal("0", result.Details[JudgeDetails.Min]);
        Assert.Equal("1", result.Details[JudgeDetails.Max]);
        Assert.Equal("0.5477", result.Details[JudgeDetails.StandardDeviation]); // sample sd of 1,0,1,0,1 = sqrt(0.3)
        Assert.StartsWith("the judge's samples straddle threshold 0.75: 3 of 5 at or above", result.Reason, StringComparison.Ordinal);
        Assert.Equal([42, 43, 44, 45, 46], server.Requests.Select(r => r.GetProperty("seed")!.Value.GetInt32()).Order());
        Assert.Equal("5", result.Details[JudgeDetails.Calls]);
    }

    [Fact]
    public async Task SamplesOnOneSideOfTheThreshold_GiveAVerdict_WithTheirSpread()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(Alternating(5, 4));
        var metric = Create("relevance: { samples: 5 }", Judge(server, time));

        var result = await Evaluate(metric);

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(0.9, result.Score!.Value, 12); // mean of 1, 0.75, 1, 0.75, 1
        Assert.Equal("5,4,5,4,5", result.Details[JudgeDetails.Scores]);
        Assert.Equal("0.1369", result.Details[JudgeDetails.StandardDeviation]);
        Assert.Contains("mean 0.9 (5 samples 5,4,5,4,5 on 1..5, sd 0.1369) >= threshold 0.75", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJudgeSectionsSamplesAndAggregate_ApplyUnlessTheMetricOverridesThem()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(Alternating(5, 1));
        var judge = Judge(server, time, new JudgeOptions { Samples = 3, Aggregate = JudgeAggregate.Median, Temperature = 0.7, Seed = 100 });

        var fromSuite = await Evaluate(Create("relevance: { threshold: 0.5 }", judge));
        var overridden = await Evaluate(Create("relevance: { samples: 2, aggregate: mean, seed: 7, temperature: 0, threshold: 0.5 }", judge));

        Assert.Equal(("3", "median", "5,1,5"), (fromSuite.Details[JudgeDetails.Samples], fromSuite.Details[JudgeDetails.Aggregate], fromSuite.Details[JudgeDetails.Scores]));
        Assert.Equal(("2", "mean", "1,5"), (overridden.Details[JudgeDetails.Samples], overridden.Details[JudgeDetails.Aggregate], overridden.Details[JudgeDetails.Scores]));
        Assert.Equal([0.7, 0.7, 0.7, 0, 0], server.Requests.Select(r => Math.Round(r.GetProperty("temperature")!.Value.GetDouble(), 3)));
    }

    [Fact]
    public async Task APositionBiasedJudge_WhoAlwaysPrefersA_EndsInATie()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text("{\"reasoning\": \"A reads better.\", \"winner\": \"A\"}"));
        var judge = Judge(server, time);

        var tie = await Evaluate(Create("pairwise: { field: baseline }", judge));
        var strict = await Evaluate(Create("pairwise: { field: baseline, threshold: 1 }", judge));

        Assert.Equal(0.5, tie.Score);
        Assert.Equal("tie", tie.Details[JudgeDetails.Preference]);
        Assert.Equal(("A", "A"), (tie.Details[JudgeDetails.WinnerOutputFirst], tie.Details[JudgeDetails.WinnerOutputSecond]));
        Assert.StartsWith("tie: the judge preferred neither consistently", tie.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Pass, tie.Verdict); // the default threshold 0.5: not worse than the other response
        Assert.Equal(Verdict.Fail, strict.Verdict);

        // Each comparison was asked in both orders: the output first as A, then as B.
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(2, server.Requests.Count(OutputIsA));
    }

    [Fact]
    public async Task AConsistentPairwisePreference_IsAWinOrALoss()
    {
        var time = new InstantTimeProvider();
        await using var prefersOther = FakeOpenAIServer.Start(r => FakeReply.Text("{\"reasoning\": \"x\", \"winner\": \"" + (OutputIsA(r) ? "B" : "A") + "\"}"));
        await using var prefersOutput = FakeOpenAIServer.Start(r => FakeReply.Text("{\"reasoning\": \"x\", \"winner\": \"" + (OutputIsA(r) ? "A" : "B") + "\"}"));

        var loss = await Evaluate(Create("pairwise: { field: baseline }", Judge(prefersOther, time)));
        var win = await Evaluate(Create("pairwise", Judge(prefersOutput, time)), Case(fields: new()));

        Assert.Equal((0.0, "other", Verdict.Fail), (loss.Score!.Value, loss.Details[JudgeDetails.Preference], loss.Verdict));
        Assert.Equal((1.0, "output", Verdict.Pass), (win.Score!.Value, win.Details[JudgeDetails.Preference], win.Verdict));
        Assert.Contains(prefersOutput.Requests, r => r.Messages[0].Content!.Contains("Refunds take up to 14 days.", StringComparison.Ordinal)); // pairwise without a field compares with expected
    }

    [Fact]
    public async Task SampleRate_JudgesTheCasesWhoseIdHashFallsBelowIt_AndSaysNotSampledForTheRest()
    {
        var time = new InstantTimeProvider();
        await using var server = FakeOpenAIServer.Start(_ => FakeReply.Text("{\"reasoning\": \"ok\", \"score\": 5}"));
        var metric = Create("faithfulness: { sample: 0.5 }", Judge(server, time));
        var ids = Enumerable.Range(0, 40).Select(i => "case-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

        var results = await Task.WhenAll(ids.Select(id => Evaluate(metric, Case(id))));

        var expectedSampled = ids.Where(id => Position(id) < 0.5).ToHashSet();
        Assert.Equal(40, results.Length);
        Assert.Equal(expectedSampled.Count, server.Requests.Count);
        foreach (var (id, result) in ids.Zip(results))
        {
            if (expectedSampled.Contains(id))
            {
                Assert.Equal(Verdict.Pass, result.Verdict);
            }
            else
            {
                Assert.Equal(Verdict.Inconclusive, result.Verdict);
                Assert.StartsWith("not sampled: this metric judges a fraction 0.5 of cases by case-id hash", result.Reason, StringComparison.Ordinal);
                Assert.Null(result.Score);
                Assert.Null(result.JudgeMeasurements);
                Assert.Equal("0.5", result.Details[JudgeDetails.SampleRate]);
            }
        }
    }

    [Fact]
    public void CaseSampler_PositionIsTheFirst8BytesOfSha256_AndSamplingIsNested()
    {
        // Reference values from Python: int.from_bytes(hashlib.sha256(id.encode()).digest()[:8], 'big') / 2**64
        Assert.Equal(0.628185284130057, CaseSampler.Position("refund-window"), 14);
        Assert.Equal(0.3039593713047443, CaseSampler.Position("case-17"), 14);
        Assert.Equal(0.4071161037196113, CaseSampler.Position("Ünïcödé ✓"), 14);

        var ids = Enumerable.Range(0, 2000).Select(i => "row-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var tenth = ids.Where(id => CaseSampler.IsSampled(id, 0.1)).ToArray();
        var quarter = ids.Where(id => CaseSampler.IsSampled(id, 0.25)).ToHashSet();
        Assert.All(tenth, id => Assert.Contains(id, quarter));
        Assert.InRange(quarter.Count, 440, 560);
        Assert.True(ids.All(id => CaseSampler.IsSampled(id, 1)));
        Assert.DoesNotContain(ids, id => CaseSampler.IsSampled(id, 0));
    }

    private static bool OutputIsA(FakeChatRequest request) => OutputPosition(request) == "A";

    private static double Position(string id) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(id))) / Math.Pow(2, 64);
}
