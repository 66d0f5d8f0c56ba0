using System.Text;
using System.Text.Json;
using EvalHarness.Suites;
using static EvalHarness.Tests.Datasets.DatasetTesting;

namespace EvalHarness.Tests.Datasets;

public sealed class YamlDatasetTests
{
    [Fact]
    public void ReadsEveryItemWithTheLineItStartsOn()
    {
        var entries = ReadAll(DataFile("support-faq.yaml"), Options(("input", "question"), ("expected", "answer"), ("context", "docs[*].text")));

        Assert.Equal([2, 14, 24], entries.Select(e => e.Line));
        Assert.Equal(["refund-window", "shipping-time", "3"], entries.Select(e => e.Id));
        var refund = Case(entries[0]);
        Assert.Equal("How long do I have to ask for a refund?", refund.Input);
        Assert.Equal(["Refunds are accepted within 30 days of delivery.", "Orders ship within 2 business days."], refund.Context);
        Assert.Equal(["billing", "refund"], refund.Tags);
        var contains = Assert.Single(refund.Assertions);
        Assert.Equal("contains", contains.Name);
        Assert.Equal("30 days", contains.Get("value")!.Scalar);
        Assert.Equal(new SourceLocation("datasets/support-faq.yaml", 12, 7), contains.Location);
        Assert.Equal(new SourceLocation("datasets/support-faq.yaml", 2, 1), refund.Source);

        var regex = Assert.Single(Case(entries[1]).Assertions);
        Assert.Equal("regex", regex.Name);
        Assert.Equal(@"\d+ business days", regex.Get("value")!.Scalar);
        Assert.Equal("No, only\nwithin the EU.", Case(entries[2]).Expected);
    }

    [Fact]
    public void PlainScalarsAreTypedWithoutRewritingWhatWasWritten()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("typed.yaml", """
            - id: 007
              input: 42
              expected: '42'
              vars: { flag: true, none: ~, ratio: 0.25, plus: +1 }
              metadata: &meta { source: faq }
            - id: 1.50
              input: ok
              metadata: *meta

            """);

        var entries = ReadAll(path);

        var first = Case(entries[0]);
        Assert.Equal("007", first.Id);
        Assert.Equal("42", first.Input);
        Assert.Equal("42", first.Expected);
        Assert.Equal(JsonValueKind.True, first.Vars["flag"]!.GetValueKind());
        Assert.Null(first.Vars["none"]);
        Assert.Equal(0.25, first.Vars["ratio"]!.GetValue<double>());
        Assert.Equal("+1", first.Vars["plus"]!.GetValue<string>());
        var second = Case(entries[1]);
        Assert.Equal("1.50", second.Id);
        Assert.Equal("faq", second.Metadata["source"]!.GetValue<string>());
    }

    [Fact]
    public void ReportsEachBadItemAtItsPositionAndKeepsReading()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("rows.yaml", """
            - id: a
              input: first
            - id: b
              input: second
              assert:
                - contains: { value: refund, threshold: 2 }
            - just text
            - id: c
              input: x
              input: y
            - id: d
              input: last

            """);

        var entries = ReadAll(path);

        Assert.Equal(["a", "b", "line-7", "c", "d"], entries.Select(e => e.Id));
        Assert.Equal([null, null, null], entries.Skip(1).Take(3).Select(e => e.Case));
        Assert.Equal(
        [
            "datasets/rows.yaml(6,45): error EVH011: assert[0].contains.threshold: 2 is out of range; expected a value from 0 to 1",
            "datasets/rows.yaml(7,3): error EVH007: each item of the list must be a mapping such as '- input: ...'; found text",
            "datasets/rows.yaml(10,3): error EVH007: input: the key appears twice in this mapping; keep one",
        ], Errors(entries));
        Assert.Equal("last", Case(entries[4]).Input);
    }

    [Fact]
    public void ASyntaxErrorEndsTheFileWithAnErrorEntryAfterTheRowsBeforeIt()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("syntax.yaml", """
            - id: a
              input: first
            - id: b
              input: "unterminated
            - id: c
              input: third

            """);

        var entries = ReadAll(path);

        Assert.Equal("a", Case(entries[0]).Id);
        var error = Assert.Single(entries[1..]);
        Assert.Null(error.Case);
        Assert.Equal(["datasets/syntax.yaml(4,10): error EVH007: YAML syntax error: While scanning a multi-line double-quoted scalar, found wrong indentation."], Errors([error]));
    }

    [Theory]
    [InlineData("question: x\n", "datasets/shape.yaml(1,1): error EVH007: a YAML dataset is a list of rows, one per case ('- input: ...'); found a mapping; write the rows as a list, each starting with '- '")]
    [InlineData("- input: a\n---\n- input: b\n", "datasets/shape.yaml(2,1): error EVH007: a YAML dataset holds one document; put every row in the first list and remove the second '---'")]
    public void AFileThatIsNotOneListIsAnError(string text, string expected)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("shape.yaml", text);

        var entries = ReadAll(path);

        Assert.Equal([expected], Errors(entries));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("[]\n")]
    [InlineData("---\n")]
    public void AnEmptyFileHasNoRows(string text)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("empty.yaml", text);

        Assert.Empty(ReadAll(path));
    }

    [Fact]
    public void HandlesByteOrderMarkAndCrLfLineEndings()
    {
        using var scratch = new ScratchDirectory();
        var bytes = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes("- id: a\r\n  input: \"x\"\r\n\r\n- id: b\r\n  input: |\r\n    two\r\n    lines\r\n"))
            .ToArray();
        var path = scratch.WriteBytes("bom-crlf.yaml", bytes);

        var entries = ReadAll(path);

        Assert.Equal([1, 4], entries.Select(e => e.Line));
        Assert.Equal("x", Case(entries[0]).Input);
        Assert.Equal("two\nlines\n", Case(entries[1]).Input);
    }
}
