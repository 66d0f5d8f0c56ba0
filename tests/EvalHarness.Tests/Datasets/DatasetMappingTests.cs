using System.Security.Cryptography;
using System.Text;
using EvalHarness.Datasets;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;
using static EvalHarness.Tests.Datasets.DatasetTesting;

namespace EvalHarness.Tests.Datasets;

public sealed class DatasetMappingTests
{
    [Fact]
    public void DefaultNamesApplyWithoutAMapping()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("defaults.jsonl",
            """{"id": "d1", "input": "hi", "expected": "hello", "context": "greetings doc", "tags": "smalltalk", "vars": {"lang": "en"}, "metadata": {"owner": "team-a"}, "assert": [{"type": "contains", "value": "hello"}]}""" + "\n");

        var c = Case(Assert.Single(ReadAll(path)));

        Assert.Equal("d1", c.Id);
        Assert.Equal("hi", c.Input);
        Assert.Equal("hello", c.Expected);
        Assert.Equal(["greetings doc"], c.Context);
        Assert.Equal(["smalltalk"], c.Tags);
        Assert.Equal("en", c.Vars["lang"]!.GetValue<string>());
        Assert.Equal("team-a", c.Metadata["owner"]!.GetValue<string>());
        Assert.Equal("contains", Assert.Single(c.Assertions).Name);
        var message = Assert.Single(c.Messages);
        Assert.Equal(ChatRole.User, message.Role);
        Assert.Equal("hi", message.Text);
    }

    [Fact]
    public void PathsSelectFieldsDottedPathsIndexesAndWildcards()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("paths.jsonl",
            """{"case_id": "p1", "meta": {"question": "Where is my parcel?", "gold": {"text": "In transit."}}, "turns": [{"text": "first"}, {"text": "second"}], "docs": [{"text": "d1"}, {"text": "d2"}], "labels": {"all": ["a", "b"]}}""" + "\n");
        var options = Options(("id", "case_id"), ("input", "meta.question"), ("expected", "meta.gold.text"), ("context", "docs[*].text"),
            ("tags", "labels.all"), ("vars", "turns[1]"));

        var c = Case(Assert.Single(ReadAll(path, options)));

        Assert.Equal("p1", c.Id);
        Assert.Equal("Where is my parcel?", c.Input);
        Assert.Equal("In transit.", c.Expected);
        Assert.Equal(["d1", "d2"], c.Context);
        Assert.Equal(["a", "b"], c.Tags);
        Assert.Equal("second", c.Vars["text"]!.GetValue<string>());
        Assert.Null(c.Vars.Parent);
    }

    [Fact]
    public void AConversationBecomesChatMessagesAndTheLastUserTurnIsTheInput()
    {
        var c = Case(Assert.Single(ReadAll(DataFile("chat.jsonl"), Options(("input", "messages")))));

        Assert.Equal("Order 42.", c.Input);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], c.Messages.Select(m => m.Role));
        Assert.Equal(["You are a support agent.", "I want a refund.", "Which order?", "Order 42."], c.Messages.Select(m => m.Text));
    }

    [Fact]
    public void OtherJsonInputsAndExpectationsBecomeCompactJsonText()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("json.jsonl", """{"id": "j", "input": {"a": [1, 2], "b": null}, "expected": 4.50}""" + "\n");

        var c = Case(Assert.Single(ReadAll(path)));

        Assert.Equal("""{"a":[1,2],"b":null}""", c.Input);
        Assert.Equal("4.50", c.Expected);
    }

    [Fact]
    public void ARowWithoutAnIdIsNamedByAHashOfItsContentWhateverTheKeyOrder()
    {
        using var scratch = new ScratchDirectory();
        var first = scratch.Write("a.jsonl", """{"input": "x", "n": 1.0, "note": "q\"é"}""" + "\n");
        var second = scratch.Write("b.jsonl", """{"note": "q\"é", "n": 1.0, "input": "x"}""" + "\n");
        // The canonical text: keys in ordinal order, no whitespace, numbers as written, only required escapes.
        var canonical = """{"input":"x","n":1.0,"note":"q\"é"}""";
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..12];

        Assert.Equal(expected, Case(Assert.Single(ReadAll(first))).Id);
        Assert.Equal(expected, Case(Assert.Single(ReadAll(first))).Id);
        Assert.Equal(expected, Case(Assert.Single(ReadAll(second))).Id);
    }

    [Fact]
    public void InputMayBeAbsentWhenOutputsComeFromTheDataset()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("outputs.jsonl", """{"id": "o1", "answer_given": "Paris"}""" + "\n" + """{"id": "o2", "input": "q"}""" + "\n");
        var options = new DatasetOptions
        {
            Mapping = new MappingDefinition(new Dictionary<string, string>()),
            Assertions = Parser,
            InputRequired = false,
            OutputField = "answer_given",
        };

        var entries = ReadAll(path, options);

        Assert.Equal(string.Empty, Case(entries[0]).Input);
        Assert.Equal(
            ["datasets/outputs.jsonl(2,1): error EVH008: target.output (answer_given): the row has no 'answer_given'; every row needs the output field named by 'target: { output: ... }' (this row has 'id', 'input')"],
            Errors(entries));
    }
}
