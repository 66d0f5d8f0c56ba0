using System.Globalization;
using EvalHarness.Running;
using static EvalHarness.Tests.Running.CaseResultCodecTests;

namespace EvalHarness.Tests.Running;

/// <summary>
/// <see cref="CaseResultStore"/> kept in memory (<c>int.MaxValue</c>), spilled from the start (0) and spilled part-way (3): the finished
/// list must hold the same cases in dataset order whichever way they were kept.
/// </summary>
public sealed class CaseResultStoreTests : IDisposable
{
    private const int Cases = 400;

    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    public static TheoryData<int> Thresholds => [0, 3, int.MaxValue];

    // Every seventh position never finishes, like a cancelled run's cases.
    private static bool IsGap(int index) => index % 7 == 3;

    private static int[] Finished(int count) => [.. Enumerable.Range(0, count).Where(i => !IsGap(i))];

    /// <summary>The case at <paramref name="index"/>, built from the index alone so expected values never come from the store.</summary>
    private static CaseResult Case(int index, string? output = null) => new()
    {
        Id = "case-" + index.ToString("D4", CultureInfo.InvariantCulture),
        Line = index + 1,
        Input = "question " + index,
        Expected = index % 5 == 0 ? null : "answer " + index,
        Output = output ?? "output " + index + (index % 11 == 0 ? " 👍🏽 \uD800" : string.Empty),
        Verdict = (Verdict)(index % 4),
        ErrorKind = (CaseErrorKind)(index % 8),
        Error = index % 4 == 3 ? "error " + index : null,
        Metrics =
        [
            new MetricResult { Name = "score", Verdict = (Verdict)(index % 4), Score = index / 1000.0, RawValue = -index, Scale = "0..1", Reason = "because " + index },
            new MetricResult { Name = "details", Verdict = Verdict.Pass, Details = new Dictionary<string, string> { ["index"] = index.ToString(CultureInfo.InvariantCulture) } },
        ],
        Measurements = index % 3 == 0 ? CallMeasurements.None : new CallMeasurements { LatencyMs = index * 1.5, Retries = index % 2 },
        Tags = index % 2 == 0 ? ["even", "t" + (index % 3)] : [],
        Context = index % 6 == 0 ? ["doc " + index] : [],
        Duration = TimeSpan.FromTicks(index * 10_007L),
    };

    private CaseResultStore NewStore(int spillAfter) => new(spillAfter, _workspace.Root);

    private CaseResultStore Filled(int spillAfter, int count, int seed = 42, Func<int, CaseResult>? make = null)
    {
        var store = NewStore(spillAfter);
        var order = Finished(count);
        new Random(seed).Shuffle(order);
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => store.Add(i, (make ?? (n => Case(n)))(i)));
        return store;
    }

    private static void AssertCases(IReadOnlyList<int> expectedIndices, IReadOnlyList<CaseResult> actual, Func<int, CaseResult>? make = null)
    {
        Assert.Equal(expectedIndices.Count, actual.Count);
        Deep.AssertEqual(expectedIndices.Select(make ?? (i => Case(i))).ToList(), actual.ToList());
    }

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void CasesAddedFromManyThreadsInAnyOrderComeBackInDatasetOrderWithoutTheGaps(int spillAfter)
    {
        var store = Filled(spillAfter, Cases);

        var finished = store.Complete();

        var expected = Finished(Cases);
        Assert.Equal(343, expected.Length);
        Assert.Equal(expected.Length, finished.Count);
        Assert.Equal(expected.Select(i => "case-" + i.ToString("D4", CultureInfo.InvariantCulture)), finished.Select(c => c.Id));
        AssertCases(expected, finished);
        Assert.Equal(spillAfter != int.MaxValue, store.Spilled);
        Assert.Equal(spillAfter != int.MaxValue, finished is CaseResultStore.SpilledCaseList);
    }

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void TheIndexerAgreesWithEnumeration(int spillAfter)
    {
        var finished = Filled(spillAfter, Cases, seed: 7).Complete();

        var enumerated = finished.ToList();

        // Backwards, so the indexer never benefits from reading in file order.
        for (var k = finished.Count - 1; k >= 0; k--)
        {
            Deep.AssertEqual(enumerated[k], finished[k]);
        }

        Assert.Equal("case-0000", finished[0].Id);
        Assert.Equal("case-0399", finished[finished.Count - 1].Id);
        Assert.Throws<ArgumentOutOfRangeException>(() => finished[finished.Count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => finished[-1]);
    }

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void TwoInterleavedEnumerationsEachSeeEveryCase(int spillAfter)
    {
        var finished = Filled(spillAfter, Cases, seed: 3).Complete();
        var first = new List<CaseResult>();
        var second = new List<CaseResult>();

        using (var a = finished.GetEnumerator())
        using (var b = finished.GetEnumerator())
        {
            // The first runs ahead by three, then they take turns, so each one's read-ahead window is used while the other moves.
            var aMore = true;
            var bMore = true;
            for (var step = 0; aMore || bMore; step++)
            {
                if (aMore && (aMore = a.MoveNext()))
                {
                    first.Add(a.Current);
                }

                if (step >= 3 && bMore && (bMore = b.MoveNext()))
                {
                    second.Add(b.Current);
                }
            }
        }

        AssertCases(Finished(Cases), first);
        AssertCases(Finished(Cases), second);
    }

    [Theory]
    [MemberData(nameof(Thresholds))]
    public async Task ConcurrentEnumerationsOnSeveralThreadsEachSeeEveryCase(int spillAfter)
    {
        var finished = Filled(spillAfter, Cases, seed: 11).Complete();
        var expected = Finished(Cases);

        var seen = await Task.WhenAll(Enumerable.Range(0, 6).Select(t => Task.Run(() =>
        {
            // Half the readers enumerate, half index, so both read paths share the file at once.
            return t % 2 == 0 ? finished.ToList() : Enumerable.Range(0, finished.Count).Select(k => finished[k]).ToList();
        }, TestContext.Current.CancellationToken)));

        foreach (var list in seen)
        {
            AssertCases(expected, list);
        }
    }

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void AFiveMegabyteCaseInTheMiddleRoundTripsWithItsNeighbours(int spillAfter)
    {
        const int Big = 152;
        var huge = string.Create(5 * 1024 * 1024, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i * 7 % 26));
            }
        }) + "\uD83D\uDC4D end";
        CaseResult Make(int i) => Case(i, i == Big ? huge : null);

        var finished = Filled(spillAfter, Cases, seed: 5, make: Make).Complete();

        var expected = Finished(Cases);
        AssertCases(expected, finished, Make);
        var position = Array.IndexOf(expected, Big);
        Assert.True(string.Equals(huge, finished[position].Output, StringComparison.Ordinal), "the indexer changed the 5 MB output");
        Assert.Equal("case-0151", finished[position - 1].Id);
        Assert.Equal("case-0153", finished[position + 1].Id);
    }

    [Fact]
    public void ASpillFileIsUnlinkedAtOnceOnUnix()
    {
        var directory = Path.Combine(_workspace.Root, "spill");
        Directory.CreateDirectory(directory);
        var store = new CaseResultStore(0, directory);

        store.Add(0, Case(0));

        Assert.True(store.Spilled);
        if (OperatingSystem.IsWindows())
        {
            // Windows deletes it when the handle closes (FileOptions.DeleteOnClose), so it is still listed while the run goes on.
            Assert.Single(Directory.GetFiles(directory));
        }
        else
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        }

        store.Add(1, Case(1));
        var finished = store.Complete();
        AssertCases([0, 1], finished);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        }
    }

    [Fact]
    public void TheFirstCasesStayInMemoryUntilTheThresholdIsPassed()
    {
        var directory = Path.Combine(_workspace.Root, "threshold");
        Directory.CreateDirectory(directory);
        var store = new CaseResultStore(3, directory);

        store.Add(0, Case(0));
        store.Add(2, Case(2));
        store.Add(1, Case(1));
        var spilledAtThree = store.Spilled;
        store.Add(3, Case(3));
        store.Add(5, Case(5));

        Assert.False(spilledAtThree);
        Assert.True(store.Spilled);
        AssertCases([0, 1, 2, 3, 5], store.Complete());
    }

    [Fact]
    public void AFarIndexFirstSpillsAndLeavesTheEarlierGapsOut()
    {
        var store = NewStore(3);

        store.Add(9, Case(9));
        store.Add(4, Case(4));
        store.Add(0, Case(0));

        Assert.True(store.Spilled);
        AssertCases([0, 4, 9], store.Complete());
    }

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void AnEmptyStoreCompletesEmpty(int spillAfter)
    {
        var store = NewStore(spillAfter);

        var finished = store.Complete();

        Assert.Empty(finished);
        Assert.False(store.Spilled);
    }
}
