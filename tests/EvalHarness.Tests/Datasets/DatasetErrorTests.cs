using static EvalHarness.Tests.Datasets.DatasetTesting;

namespace EvalHarness.Tests.Datasets;

public sealed class DatasetErrorTests
{
    private static List<EvalHarness.Datasets.DatasetEntry> ReadLines(string name, string[] lines, params (string Part, string Path)[] mapping)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write(name, string.Join("\n", lines) + "\n");
        return ReadAll(path, Options(mapping));
    }

    [Fact]
    public void AMalformedLineIsAnErrorEntryAtTheColumnOfTheProblem()
    {
        var entries = ReadLines("bad.jsonl", [
            """{"id": "a", "input": "ok"}""",
            """{"id": "b", "input": "x",}""",
            """{"id": "c", "input": "y" "expected": "z"}""",
        ]);

        Assert.Equal(["a", "line-2", "line-3"], entries.Select(e => e.Id));
        Assert.Equal([2, 3], entries.Skip(1).Select(e => e.Line));
        Assert.Equal(
        [
            "datasets/bad.jsonl(2,26): error EVH007: invalid JSON: The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options.",
            "datasets/bad.jsonl(3,26): error EVH007: invalid JSON: '\"' is invalid after a value. Expected either ',', '}', or ']'.",
        ], Errors(entries));
    }

    [Fact]
    public void AnObjectSpreadOverSeveralLinesGetsAHintAboutJsonLines()
    {
        var entries = ReadLines("pretty.jsonl", ["""{"id": "a",""", """ "input": "x"}"""]);

        Assert.Equal(
        [
            "datasets/pretty.jsonl(1,12): error EVH007: invalid JSON: the line ends before the value does; in JSON Lines each line holds one whole object",
            "datasets/pretty.jsonl(2,9): error EVH007: invalid JSON: ':' is invalid after a single JSON value. Expected end of data.",
        ], Errors(entries));
    }

    [Fact]
    public void AnEscapeThatIsNotValidUtf16IsAMalformedLine()
    {
        var entries = ReadLines("surrogate.jsonl", ["""{"input": "\ud800"}"""]);

        Assert.Equal(["datasets/surrogate.jsonl(1,11): error EVH007: invalid JSON: a \\u escape in this text is half of a UTF-16 surrogate pair; write the character itself or both halves"], Errors(entries));
    }

    [Theory]
    [InlineData("[1, 2]", "a list")]
    [InlineData("\"text\"", "text")]
    [InlineData("null", "null")]
    [InlineData("42", "the number 42")]
    public void ARowThatIsNotAnObjectIsAnError(string line, string found)
    {
        var entries = ReadLines("shape.jsonl", [line]);

        Assert.Equal(["datasets/shape.jsonl(1,1): error EVH007: each line must be a JSON object such as {\"input\": \"...\"}; found " + found], Errors(entries));
        Assert.Equal("line-1", Assert.Single(entries).Id);
    }

    [Fact]
    public void ARepeatedKeyIsAnError()
    {
        var entries = ReadLines("keys.jsonl", ["""{"id": "a", "input": "x", "input": "y"}"""]);

        Assert.Equal(["datasets/keys.jsonl(1,27): error EVH007: input: the key appears twice in this object; keep one"], Errors(entries));
        Assert.Equal("a", Assert.Single(entries).Id);
    }

    [Fact]
    public void MissingMappedFieldsAreReportedWithTheFieldsTheRowHas()
    {
        var entries = ReadLines("missing.jsonl", [
            """{"id": "a", "question": "q", "answer": "x"}""",
            """{"id": "b", "questoin": "q", "docs": [{"text": "t"}, {"title": "no text"}]}""",
        ], ("input", "question"), ("expected", "answer"), ("context", "docs[*].text"));

        Assert.Equal(
        [
            "datasets/missing.jsonl(1,1): error EVH008: context (docs[*].text): the row has no 'docs[*].text'; every row needs the fields named in 'mapping:' (this row has 'id', 'question', 'answer')",
            "datasets/missing.jsonl(2,1): error EVH008: input (question): the row has no 'question'; every row needs the fields named in 'mapping:' (this row has 'id', 'questoin', 'docs')",
            "datasets/missing.jsonl(2,1): error EVH008: expected (answer): the row has no 'answer'; every row needs the fields named in 'mapping:' (this row has 'id', 'questoin', 'docs')",
            "datasets/missing.jsonl(2,1): error EVH008: context (docs[*].text): the row has no 'docs[*].text'; every row needs the fields named in 'mapping:' (this row has 'id', 'questoin', 'docs')",
        ], Errors(entries));
        Assert.All(entries, e => Assert.Null(e.Case));
    }

    [Fact]
    public void AnUnmappedInputMustStillBeThere()
    {
        var entries = ReadLines("noinput.jsonl", ["""{"id": "a", "prompt": "q"}"""]);

        Assert.Equal(
            ["datasets/noinput.jsonl(1,1): error EVH008: input: the row has no 'input'; name the field that holds the input with 'mapping: { input: <field> }' (this row has 'id', 'prompt')"],
            Errors(entries));
    }

    [Fact]
    public void DuplicateIdsAreReportedWithTheFirstLineAndGetDistinctEntryIds()
    {
        var entries = ReadLines("dupes.jsonl", [
            """{"id": "a", "input": "x"}""",
            """{"id": "b", "input": "y"}""",
            """{"id": "a", "input": "z"}""",
            """{"input": "same"}""",
            """{"input": "same"}""",
        ]);

        Assert.Equal(["a", "b", "a@line-3", "9bf2968f778c", "9bf2968f778c@line-5"], entries.Select(e => e.Id));
        Assert.NotNull(entries[0].Case);
        Assert.Null(entries[2].Case);
        Assert.Equal(
        [
            "datasets/dupes.jsonl(3,8): error EVH009: id: duplicate case id 'a'; line 1 already uses it",
            "datasets/dupes.jsonl(5,1): error EVH009: id: the row repeats line 4 (it has no id, so its id is the hash of its content, '9bf2968f778c'); remove the copy or give the rows ids",
        ], Errors(entries));
    }

    [Fact]
    public void InvalidAssertionsAreReportedAtTheirPosition()
    {
        var entries = ReadLines("assert.jsonl", [
            """{"id": "a", "input": "x", "assert": [{"type": "contans", "value": "x"}, {"regex": {"value": "(", "threshold": 1.5}}]}""",
            """{"id": "b", "input": "x", "assert": {"contains": {"value": "x"}}}""",
            """{"id": "c", "input": "x", "assert": [{"type": "contains", "value": ["x"]}]}""",
        ]);

        Assert.Equal(
        [
            "datasets/assert.jsonl(1,47): error EVH004: assert[0]: unknown metric 'contans'; did you mean 'contains'? known metrics: " + string.Join(", ", Parser.KnownNames),
            "datasets/assert.jsonl(1,93): error EVH005: assert[1].regex.value: invalid regular expression: Invalid pattern '(' at offset 1. Not enough )'s.",
            "datasets/assert.jsonl(1,111): error EVH011: assert[1].regex.threshold: 1.5 is out of range; expected a value from 0 to 1",
            "datasets/assert.jsonl(2,37): error EVH013: assert: expected a list of metrics such as [{ \"type\": \"contains\", \"value\": \"refund\" }], found an object",
            "datasets/assert.jsonl(3,68): error EVH005: assert[0].contains.value: expected text, found a list",
        ], Errors(entries));
    }

    [Fact]
    public void PartsOfTheWrongShapeAreErrors()
    {
        var entries = ReadLines("shapes.jsonl", [
            """{"id": {"n": 1}, "input": "x"}""",
            """{"id": "b", "input": null, "tags": ["ok", 7], "vars": "v", "metadata": [1], "context": ["c", null]}""",
            """{"id": "c", "input": [{"role": "system", "content": "s"}, {"role": "assistant"}, "hi"]}""",
            """{"id": "d", "input": [{"role": "system", "content": "s"}]}""",
        ]);

        Assert.Equal(["line-1", "b", "c", "d"], entries.Select(e => e.Id));
        Assert.Equal(
        [
            "datasets/shapes.jsonl(1,8): error EVH013: id: an id is text or a number, found an object",
            "datasets/shapes.jsonl(2,1): error EVH013: input: the input is empty (null or an empty CSV cell); expected text or a list of chat messages",
            "datasets/shapes.jsonl(2,88): error EVH013: context (context[1]): passage 2 is null; expected text",
            "datasets/shapes.jsonl(2,43): error EVH013: tags (tags[1]): expected a tag (text), found the number 7",
            "datasets/shapes.jsonl(2,55): error EVH013: vars: expected an object of names and values, found text",
            "datasets/shapes.jsonl(2,72): error EVH013: metadata: expected an object of names and values, found a list",
            "datasets/shapes.jsonl(3,59): error EVH013: input (input[1].content): expected the message text, or a list of { \"type\": \"text\", \"text\": ... } parts, found null",
            "datasets/shapes.jsonl(3,82): error EVH013: input (input[2]): expected a message { \"role\": ..., \"content\": ... }, found text",
            "datasets/shapes.jsonl(4,22): error EVH013: input: a conversation needs at least one message with role 'user'; it is the input the case is about",
        ], Errors(entries));
    }
}
