using System.Globalization;
using System.Text;
using EvalHarness.Datasets;
using static EvalHarness.Tests.Datasets.DatasetTesting;

namespace EvalHarness.Tests.Datasets;

public sealed class DatasetStreamingTests
{
    private const int Rows = 100_000;

    [Theory]
    [InlineData("large.jsonl")]
    [InlineData("large.csv")]
    [InlineData("large.yaml")]
    public void TakingTheFirstEntriesReadsOnlyTheStartOfALargeFile(string name)
    {
        using var scratch = new ScratchDirectory();
        var path = WriteLargeFile(scratch, name);
        var size = new FileInfo(path).Length;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var first = DatasetReader.Read(path, DisplayPath(path), Options()).Take(3).ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(["case-0", "case-1", "case-2"], first.Select(e => Case(e).Id));
        // Reading the whole file would allocate at least its size in strings; the malformed last row is never reached either.
        Assert.True(allocated < size / 10, $"allocated {allocated} bytes to read 3 rows of a {size}-byte file");
    }

    [Fact]
    public void TheLargeFileReallyEndsWithAMalformedRow()
    {
        using var scratch = new ScratchDirectory();
        var path = WriteLargeFile(scratch, "large.jsonl");

        var last = DatasetReader.Read(path, DisplayPath(path), Options()).Last();

        Assert.Equal(Rows + 1, last.Line);
        Assert.Equal("line-" + (Rows + 1).ToString(CultureInfo.InvariantCulture), last.Id);
        Assert.Equal("EVH007", Assert.Single(last.Errors).Code);
    }

    private static string WriteLargeFile(ScratchDirectory scratch, string name)
    {
        var path = Path.Combine(scratch.Root, name);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        var format = DatasetReader.DetectFormat(path);
        if (format == DatasetFormat.Csv)
        {
            writer.Write("id,input,expected\n");
        }

        for (var i = 0; i < Rows; i++)
        {
            var id = "case-" + i.ToString(CultureInfo.InvariantCulture);
            var input = "How do I reset the password of account number " + i.ToString(CultureInfo.InvariantCulture) + "?";
            writer.Write(format switch
            {
                DatasetFormat.Csv => id + "," + input + ",Use the reset link on the sign-in page.\n",
                DatasetFormat.Yaml => "- id: " + id + "\n  input: " + input + "\n  expected: Use the reset link on the sign-in page.\n",
                _ => "{\"id\": \"" + id + "\", \"input\": \"" + input + "\", \"expected\": \"Use the reset link on the sign-in page.\"}\n",
            });
        }

        writer.Write(format switch
        {
            DatasetFormat.Csv => "broken,\"unterminated\n",
            DatasetFormat.Yaml => "- id: broken\n  input: [unclosed\n",
            _ => "{\"id\": \"broken\",\n",
        });
        return path;
    }
}
