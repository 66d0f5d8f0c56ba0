using System.Text;
using EvalHarness.Suites;
using static EvalHarness.Tests.Datasets.DatasetTesting;

namespace EvalHarness.Tests.Datasets;

public sealed class CsvDatasetTests
{
    [Fact]
    public void ReadsEveryRowWithLinesOfMultiLineCellsAndBlankLines()
    {
        var entries = ReadAll(DataFile("support-faq.csv"), Options(("input", "question"), ("expected", "answer"), ("context", "docs")));

        Assert.Equal([2, 3, 5], entries.Select(e => e.Line));
        Assert.Equal(["refund-window", "shipping-time", "3"], entries.Select(e => e.Id));
        var refund = Case(entries[0]);
        Assert.Equal("How long do I have to ask for a refund?", refund.Input);
        Assert.Equal("30 days from delivery.", refund.Expected);
        Assert.Equal(["Refunds are accepted within 30 days of delivery."], refund.Context);
        Assert.Equal(["billing"], refund.Tags);
        Assert.Equal(new SourceLocation("datasets/support-faq.csv", 2, 1), refund.Source);

        var abroad = Case(entries[2]);
        Assert.Equal("No, only\nwithin the EU.", abroad.Expected);
        Assert.Empty(abroad.Context);
        Assert.Empty(abroad.Tags);
        Assert.Empty(abroad.Assertions);
    }

    [Fact]
    public void EmptyCellsAreNullAndEveryOrdinaryColumnIsAVariable()
    {
        var entries = ReadAll(DataFile("support-faq.csv"), Options(("input", "question"), ("expected", "answer")));

        var refund = Case(entries[0]);
        Assert.Equal(["id", "question", "answer", "docs", "tags"], refund.Vars.Select(v => v.Key));
        Assert.Equal("billing", refund.Vars["tags"]!.GetValue<string>());
        var abroad = Case(entries[2]);
        Assert.True(abroad.Fields.ContainsKey("docs"));
        Assert.Null(abroad.Fields["docs"]);
        Assert.Equal(["id", "question", "answer"], abroad.Vars.Select(v => v.Key));
    }

    [Fact]
    public void ExpectedColumnsBecomeAssertionsAsInPromptfoo()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("expected.csv", """
            input,__expected,__expected1,__expected2
            a,contains: 30 days,not-contains: sorry,is-json
            b,Answer: yes,contains(0.5): refund,
            c,javascript: output.length > 3,,

            """);

        var entries = ReadAll(path);

        var a = Case(entries[0]);
        Assert.Equal(["contains", "not-contains", "is-json"], a.Assertions.Select(s => s.Name));
        Assert.Equal(["30 days", "sorry", null], a.Assertions.Select(s => s.Get("value")?.Scalar));
        Assert.Equal(["__expected.contains", "__expected1.not-contains", "__expected2.is-json"], a.Assertions.Select(s => s.Field));
        var b = Case(entries[1]);
        Assert.Equal(["equals", "contains"], b.Assertions.Select(s => s.Name));
        Assert.Equal(["Answer: yes", "refund"], b.Assertions.Select(s => s.Get("value")!.Scalar));
        Assert.True(b.Assertions[1].Get("threshold")!.TryGetDouble(out var threshold));
        Assert.Equal(0.5, threshold);
        var error = Assert.Single(entries[2].Errors);
        Assert.Null(entries[2].Case);
        Assert.StartsWith("datasets/expected.csv(4,1): error EVH004: __expected: unknown metric 'javascript'; ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void HandlesByteOrderMarkAndCrLfLineEndings()
    {
        using var scratch = new ScratchDirectory();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("id,input\r\nx,\"two\r\nlines\"\r\n\r\ny,last\r\n")).ToArray();
        var path = scratch.WriteBytes("bom-crlf.csv", bytes);

        var entries = ReadAll(path);

        Assert.Equal([2, 5], entries.Select(e => e.Line));
        Assert.Equal(["x", "y"], entries.Select(e => Case(e).Id));
        Assert.Equal("two\r\nlines", Case(entries[0]).Input);
        Assert.Equal("last", Case(entries[1]).Input);
    }

    [Fact]
    public void ReportsRowsThatDoNotFitTheHeaderAndKeepsReading()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("broken.csv", """
            id,input,expected
            a,one,1
            b,two
            c,th"ree,3
            d,four,4,extra
            e,"five,5
            f,six,6

            """);

        var entries = ReadAll(path);

        Assert.Equal(["a", "line-3", "line-4", "line-5", "line-6"], entries.Select(e => e.Id));
        Assert.Equal(
        [
            "datasets/broken.csv(3,1): error EVH007: the row has 2 cells but the header has 3 cells; quote cells that contain commas or line breaks (\"a, b\")",
            "datasets/broken.csv(4,1): error EVH007: invalid CSV: a quote inside a cell ('th\"ree'); quote the whole cell and double the quotes inside (\"say \"\"hi\"\"\")",
            "datasets/broken.csv(5,1): error EVH007: the row has 4 cells but the header has 3 cells; quote cells that contain commas or line breaks (\"a, b\")",
            "datasets/broken.csv(6,1): error EVH007: invalid CSV: a quoted cell is never closed ('\"five,5\\nf,six,6\\n'); close it with '\"'",
        ], Errors(entries));
    }

    [Theory]
    [InlineData("id,input,id\na,b,c\n", "datasets/header.csv(1,1): error EVH007: header column 'id' appears twice (columns 1 and 3); rename one")]
    [InlineData("id,,expected\na,b,c\n", "datasets/header.csv(1,1): error EVH007: header column 2 has no name; the first row of a CSV dataset names every column")]
    public void AnAmbiguousHeaderIsOneErrorAndNoRows(string text, string expected)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("header.csv", text);

        var entries = ReadAll(path);

        var entry = Assert.Single(entries);
        Assert.Equal("line-1", entry.Id);
        Assert.Equal([expected], Errors(entries));
    }

    [Fact]
    public void AMappedColumnMissingFromTheHeaderIsReportedOnEveryRow()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("columns.csv", "id,prompt\na,x\nb,y\n");

        var entries = ReadAll(path, Options(("input", "question")));

        Assert.Equal(
        [
            "datasets/columns.csv(2,1): error EVH008: input (question): the row has no 'question'; every row needs the fields named in 'mapping:' (this row has 'id', 'prompt')",
            "datasets/columns.csv(3,1): error EVH008: input (question): the row has no 'question'; every row needs the fields named in 'mapping:' (this row has 'id', 'prompt')",
        ], Errors(entries));
    }
}
