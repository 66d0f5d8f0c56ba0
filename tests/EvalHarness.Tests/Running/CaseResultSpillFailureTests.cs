using EvalHarness.Running;

namespace EvalHarness.Tests.Running;

/// <summary>A spill file that cannot be created or fills up part-way loses no case: the rest stay in memory, in dataset order.</summary>
public sealed class CaseResultSpillFailureTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "evh-spill-failure-" + Guid.NewGuid().ToString("N"));

    public CaseResultSpillFailureTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AMissingSpillDirectoryKeepsEveryCaseInMemoryAndSaysWhy()
    {
        var store = new CaseResultStore(2, Path.Combine(_directory, "does-not-exist"));
        for (var i = 0; i < 10; i++)
        {
            store.Add(i, Case(i));
        }

        var cases = store.Complete();

        Assert.False(store.Spilled);
        Assert.StartsWith("cannot create a file for spilled cases: ", store.SpillError, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 10).Select(Id), cases.Select(c => c.Id));
    }

    [Fact]
    public void ADiskThatFillsPartWayKeepsTheWrittenCasesOnDiskAndTheRestInMemoryInDatasetOrder()
    {
        // Room for about five encoded cases: the move at the threshold writes some, later cases overflow into memory.
        var size = Encoded(Case(0));
        var store = new CaseResultStore(3, () => new CaseResultStore.SpillFile(OpenFile(), capacity: size * 5 + size / 2));
        var order = new[] { 1, 0, 3, 2, 5, 4, 9, 7, 8, 11, 10 }; // 6 never finishes: a gap
        foreach (var i in order)
        {
            store.Add(i, Case(i));
        }

        var cases = store.Complete();

        Assert.True(store.Spilled);
        Assert.StartsWith("cannot write spilled cases: No space left on device", store.SpillError, StringComparison.Ordinal);
        var expected = new[] { 0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11 }.Select(Id).ToArray();
        Assert.Equal(expected, cases.Select(c => c.Id));
        Assert.Equal(expected, Enumerable.Range(0, cases.Count).Select(i => cases[i].Id));
        Assert.Equal(expected.Length, cases.Count);
        Assert.All(cases, c => Assert.Equal("output of " + c.Id, c.Output));
    }

    private static string Id(int i) => "case-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    private static CaseResult Case(int i) => new()
    {
        Id = Id(i),
        Line = i + 1,
        Input = "input of " + Id(i),
        Output = "output of " + Id(i),
        Verdict = i % 3 == 0 ? Verdict.Fail : Verdict.Pass,
        Metrics = [MetricResult.FromCheck("contains", i % 3 != 0, "checked")],
    };

    private static int Encoded(CaseResult c)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        CaseResultCodec.Write(buffer, c);
        return buffer.WrittenCount + 4;
    }

    private Microsoft.Win32.SafeHandles.SafeFileHandle OpenFile() =>
        File.OpenHandle(Path.Combine(_directory, Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite);
}
