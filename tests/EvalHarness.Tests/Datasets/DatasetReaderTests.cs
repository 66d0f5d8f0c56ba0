using EvalHarness.Datasets;
using static EvalHarness.Tests.Datasets.DatasetTesting;

namespace EvalHarness.Tests.Datasets;

public sealed class DatasetReaderTests
{
    [Theory]
    [InlineData("cases.jsonl", DatasetFormat.Jsonl)]
    [InlineData("cases.ndjson", DatasetFormat.Jsonl)]
    [InlineData("CASES.JSONL", DatasetFormat.Jsonl)]
    [InlineData("cases.csv", DatasetFormat.Csv)]
    [InlineData("cases.yaml", DatasetFormat.Yaml)]
    [InlineData("dir.v2/cases.yml", DatasetFormat.Yaml)]
    public void DetectsTheFormatFromTheExtension(string path, DatasetFormat expected) =>
        Assert.Equal(expected, DatasetReader.DetectFormat(path));

    [Theory]
    [InlineData("cases.txt", "cases.txt: error EVH006: unsupported dataset format '.txt'; use .jsonl or .ndjson (JSON Lines), .csv or .yaml/.yml")]
    [InlineData("cases", "cases: error EVH006: unsupported dataset format a file without an extension; use .jsonl or .ndjson (JSON Lines), .csv or .yaml/.yml")]
    [InlineData("cases.json", "cases.json: error EVH006: unsupported dataset format '.json'; use .jsonl or .ndjson (JSON Lines), .csv or .yaml/.yml; a dataset in JSON is written as JSON Lines, one object per line, in a .jsonl file")]
    public void AnUnknownExtensionIsAClearError(string path, string expected)
    {
        var ex = Assert.Throws<DatasetException>(() => DatasetReader.DetectFormat(path));

        Assert.Equal(expected, ex.Error.ToString());
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void AMissingFileThrowsOnTheFirstMoveNextNotWhenReadIsCalled()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Root, "absent.jsonl");

        var entries = DatasetReader.Read(path, "datasets/absent.jsonl", Options());
        var ex = Assert.Throws<DatasetException>(() => entries.First());

        Assert.Equal("datasets/absent.jsonl: error EVH006: the dataset file does not exist (looked for '" + path + "')", ex.Error.ToString());
    }

    [Fact]
    public void AnUnsupportedExtensionIsReportedWithTheDisplayPath()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("cases.txt", "x");

        var ex = Assert.Throws<DatasetException>(() => DatasetReader.Read(path, "datasets/cases.txt", Options()).ToList());

        Assert.StartsWith("datasets/cases.txt: error EVH006: unsupported dataset format '.txt'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidMappingPathIsRejectedAtOnce()
    {
        var ex = Assert.Throws<ArgumentException>(() => DatasetReader.Read("unused.jsonl", "unused.jsonl", Options(("context", "docs[x]"))));

        Assert.StartsWith("mapping.context: 'docs[x]': an index is a whole number or '*', found 'x'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputesTheSha256OfTheFileBytes()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("abc.jsonl", "abc");

        // The SHA-256 test vector for "abc" (FIPS 180-2, appendix B.1).
        Assert.Equal("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DatasetReader.ComputeHash(path));
    }

    [Fact]
    public void HashingAMissingFileIsADatasetError()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Root, "absent.csv");

        var ex = Assert.Throws<DatasetException>(() => DatasetReader.ComputeHash(path));

        Assert.Equal("EVH006", ex.Error.Code);
    }

    [Fact]
    public void EachEnumerationReadsTheFileAgain()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("twice.jsonl", """{"id": "a", "input": "x"}""" + "\n");
        var entries = DatasetReader.Read(path, "datasets/twice.jsonl", Options());

        Assert.Equal(["a"], entries.Select(e => e.Id));
        Assert.Equal(["a"], entries.Select(e => e.Id));
    }
}
