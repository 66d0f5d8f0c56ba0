using System.Text;
using EvalHarness.Suites;
using static EvalHarness.Tests.Datasets.DatasetTesting;

namespace EvalHarness.Tests.Datasets;

public sealed class JsonlDatasetTests
{
    [Fact]
    public void ReadsEveryRowWithItsMappedPartsAndSkipsBlankLines()
    {
        var path = DataFile("support-faq.jsonl");

        var entries = ReadAll(path, Options(("input", "question"), ("expected", "answer"), ("context", "docs[*].text")));

        Assert.Equal([1, 2, 4], entries.Select(e => e.Line));
        Assert.Equal(["refund-window", "shipping-time", "3"], entries.Select(e => e.Id));
        var refund = Case(entries[0]);
        Assert.Equal("refund-window", refund.Id);
        Assert.Equal("How long do I have to ask for a refund?", refund.Input);
        Assert.Equal("30 days from delivery.", refund.Expected);
        Assert.Equal(["Refunds are accepted within 30 days of delivery.", "Orders ship within 2 business days."], refund.Context);
        Assert.Equal(["billing", "refund"], refund.Tags);
        Assert.Equal("contains", Assert.Single(refund.Assertions).Name);
        Assert.Equal("Refunds", refund.Fields["docs"]![0]!["title"]!.GetValue<string>());
        Assert.Equal(new SourceLocation("datasets/support-faq.jsonl", 1, 1), refund.Source);

        var shipping = Case(entries[1]);
        Assert.Equal(["shipping"], shipping.Tags);
        var regex = Assert.Single(shipping.Assertions);
        Assert.Equal("regex", regex.Name);
        Assert.Equal(@"\d+ business days", regex.Get("value")!.Scalar);

        var abroad = Case(entries[2]);
        Assert.Equal("3", abroad.Id);
        Assert.Empty(abroad.Context);
        Assert.Empty(abroad.Tags);
        Assert.Empty(abroad.Assertions);
        Assert.Equal(new SourceLocation("datasets/support-faq.jsonl", 4, 1), abroad.Source);
    }

    [Fact]
    public void HandlesByteOrderMarkAndCrLfLineEndings()
    {
        using var scratch = new ScratchDirectory();
        var bytes = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes("{\"id\": \"a\", \"input\": \"first\"}\r\n\r\n{\"id\": \"b\", \"input\": \"second\"}\r\n{\"id\": \"c\", \"input\": }\r\n"))
            .ToArray();
        var path = scratch.WriteBytes("bom-crlf.jsonl", bytes);

        var entries = ReadAll(path);

        Assert.Equal([1, 3, 4], entries.Select(e => e.Line));
        Assert.Equal("first", Case(entries[0]).Input);
        Assert.Equal("second", Case(entries[1]).Input);
        Assert.Equal(["datasets/bom-crlf.jsonl(4,22): error EVH007: invalid JSON: '}' is an invalid start of a value."], Errors(entries));
    }

    [Fact]
    public void ColumnsCountCharactersNotBytes()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("unicode.jsonl", "{\"input\": \"héllo wörld\", \"tags\": 5}\n");

        var entries = ReadAll(path);

        // "tags" value 5 is the 34th character; in UTF-8 bytes it would be the 36th.
        Assert.Equal(["datasets/unicode.jsonl(1,34): error EVH013: tags: expected a tag or a list of tags, found the number 5"], Errors(entries));
    }

    [Fact]
    public void ReadsPromptfooStyleRowsWithVarsAndAssertions()
    {
        var entries = ReadAll(DataFile("promptfoo-style.jsonl"), Options(("input", "vars.question")));

        var capital = Case(entries[0]);
        Assert.Equal("What is the capital of France?", capital.Input);
        Assert.Equal("What is the capital of France?", capital.Vars["question"]!.GetValue<string>());
        Assert.Equal(["contains", "not-contains"], capital.Assertions.Select(a => a.Name));
        Assert.Equal(["Paris", "London"], capital.Assertions.Select(a => a.Get("value")!.Scalar));
        Assert.Equal("is-json", Assert.Single(Case(entries[1]).Assertions).Name);
    }
}
