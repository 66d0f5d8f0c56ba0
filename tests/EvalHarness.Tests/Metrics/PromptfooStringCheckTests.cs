using System.Text.Json.Nodes;
using static EvalHarness.Tests.Metrics.MetricTestKit;

namespace EvalHarness.Tests.Metrics;

public sealed class PromptfooStringCheckTests
{
    [Theory]
    [InlineData("equals: { value: \"Paris\" }", "Paris", Verdict.Pass)]
    [InlineData("equals: { value: \"Paris\" }", "Paris\n", Verdict.Fail)]
    [InlineData("equals: { value: \"paris\" }", "Paris", Verdict.Fail)]
    [InlineData("equals: { value: \"Grüße 👍🏽\" }", "Grüße 👍🏽", Verdict.Pass)]
    [InlineData("equals: { value: 1.50 }", "1.5", Verdict.Pass)] // promptfoo reads an unquoted 1.50 as the number 1.5
    [InlineData("equals: { value: \"1.50\" }", "1.5", Verdict.Fail)]
    [InlineData("equals: { value: 1e21 }", "1e+21", Verdict.Pass)] // JavaScript's String(1e21)
    [InlineData("equals: { value: 1e20 }", "100000000000000000000", Verdict.Pass)]
    [InlineData("equals: { value: 0.0000001 }", "1e-7", Verdict.Pass)]
    [InlineData("equals: { value: -0.25 }", "-0.25", Verdict.Pass)]
    [InlineData("equals: { value: true }", "true", Verdict.Pass)]
    [InlineData("equals: { value: { a: 1, b: [true, null] } }", "{\"b\": [true, null], \"a\": 1.0}", Verdict.Pass)]
    [InlineData("equals: { value: { a: 1 } }", "{\"a\": \"1\"}", Verdict.Fail)]
    [InlineData("equals: { value: { a: 1 } }", "not json", Verdict.Fail)]
    [InlineData("not-equals: { value: \"Paris\" }", "", Verdict.Pass)]
    [InlineData("contains: { value: \"refund\" }", "We issue a refund.", Verdict.Pass)]
    [InlineData("contains: { value: \"Refund\" }", "We issue a refund.", Verdict.Fail)]
    [InlineData("contains: { value: \"é\" }", "caf\u00e9", Verdict.Pass)]
    [InlineData("contains: { value: \"é\" }", "cafe\u0301", Verdict.Fail)] // ordinal: a decomposed é is another string
    [InlineData("contains: { value: \"a\\nb\" }", "x a\nb y", Verdict.Pass)]
    [InlineData("contains: { value: \"refund\" }", "", Verdict.Fail)]
    [InlineData("not-contains: { value: \"refund\" }", "", Verdict.Pass)]
    [InlineData("icontains: { value: \"GRÜSSE\" }", "viele grüsse", Verdict.Pass)]
    [InlineData("icontains: { value: \"ΣΟΦΙΑ\" }", "σοφια", Verdict.Pass)]
    [InlineData("not-icontains: { value: \"REFUND\" }", "no refund", Verdict.Fail)]
    [InlineData("contains-any: { value: \"refund, credit\" }", "store credit", Verdict.Pass)]
    [InlineData("contains-any: { value: [refund, credit] }", "nothing", Verdict.Fail)]
    [InlineData("contains-any: { value: '\"1,000\", x' }", "costs 1,000", Verdict.Pass)]
    [InlineData("contains-any: { value: [] }", "anything", Verdict.Fail)]
    [InlineData("not-contains-any: { value: [refund, credit] }", "nothing", Verdict.Pass)]
    [InlineData("not-contains-any: { value: [refund, credit] }", "a refund", Verdict.Fail)]
    [InlineData("contains-all: { value: [refund, credit] }", "refund or credit", Verdict.Pass)]
    [InlineData("contains-all: { value: [refund, credit] }", "refund only", Verdict.Fail)]
    [InlineData("contains-all: { value: [] }", "", Verdict.Pass)]
    [InlineData("not-contains-all: { value: [refund, credit] }", "refund only", Verdict.Pass)]
    [InlineData("icontains-any: { value: [ÄPFEL, birnen] }", "äpfel", Verdict.Pass)]
    [InlineData("icontains-all: { value: \"Tokyo, 東京\" }", "TOKYO 東京", Verdict.Pass)]
    [InlineData("icontains-all: { value: \"Tokyo, 東京\" }", "TOKYO\n", Verdict.Fail)]
    [InlineData("starts-with: { value: \"Yes\" }", "Yes, we do.", Verdict.Pass)]
    [InlineData("starts-with: { value: \"Yes\" }", " Yes", Verdict.Fail)]
    [InlineData("starts-with: { value: \"👍\" }", "👍🏽 ok", Verdict.Pass)]
    [InlineData("not-starts-with: { value: \"Sorry\" }", "", Verdict.Pass)]
    [InlineData("regex: { value: \"^\\\\d{3}-\\\\d{4}$\" }", "555-1234", Verdict.Pass)]
    [InlineData("regex: { value: \"\\\\p{IsCJKUnifiedIdeographs}\" }", "東京", Verdict.Pass)]
    [InlineData("not-regex: { value: \"error\" }", "all good\n", Verdict.Pass)]
    public async Task Check_GivesPromptfooVerdict(string entry, string output, Verdict expected)
    {
        var result = await Run(entry, output);

        Assert.Equal(expected, result.Verdict);
        Assert.Equal(expected == Verdict.Pass ? 1 : 0, result.Score);
    }

    [Fact]
    public async Task Equals_DefaultsToExpected()
    {
        Assert.Equal(Verdict.Pass, (await Run("equals", "42", expected: "42")).Verdict);
        var missing = await Run("equals", "42");
        Assert.Equal(Verdict.Error, missing.Verdict);
        Assert.Contains("no 'expected' value (datasets/demo.jsonl(3,1))", missing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContainsAll_ReadsAListOrACommaSeparatedStringFromAField()
    {
        var fields = new JsonObject { ["keywords"] = new JsonArray("refund", "30 days"), ["csv"] = "refund, 30 days" };

        Assert.Equal(Verdict.Pass, (await Run("contains-all: { field: keywords }", "A refund within 30 days.", fields: fields)).Verdict);
        Assert.Equal(Verdict.Pass, (await Run("contains-all: { field: csv }", "A refund within 30 days.", fields: fields)).Verdict);
        var failed = await Run("contains-all: { field: keywords }", "A refund.", fields: fields);
        Assert.Equal(Verdict.Fail, failed.Verdict);
        Assert.Equal("\"30 days\"", failed.Details["missing"]);
    }

    [Fact]
    public async Task FieldProblems_AreErrorsOfTheCase()
    {
        var fields = new JsonObject { ["empty"] = "", ["bad"] = "\"unterminated" };

        var missing = await Run("contains: { field: answer }", "x", fields: fields);
        var empty = await Run("contains: { field: empty }", "x", fields: fields);
        var bad = await Run("contains-any: { field: bad }", "x", fields: fields);

        Assert.Equal(Verdict.Error, missing.Verdict);
        Assert.Equal("field 'answer' is missing from the case (datasets/demo.jsonl(3,1))", missing.Reason);
        Assert.Equal(Verdict.Error, empty.Verdict);
        Assert.Equal(Verdict.Error, bad.Verdict);
        Assert.Contains("unterminated quoted field", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotForm_InvertsScoreAndVerdictButKeepsErrors()
    {
        var negated = await Run("not-contains: { field: answer }", "x", fields: []);

        Assert.Equal(Verdict.Error, negated.Verdict);
        Assert.Equal("not-contains", negated.Name);
    }

    [Theory]
    [InlineData("contains: { value: \"\" }", "eval-suites/demo/suite.yaml(4,24): error EVH005: metrics[0].contains.value: the value to look for is empty; every output contains the empty string")]
    [InlineData("icontains: { value: '' }", "error EVH005: metrics[0].icontains.value: the value to look for is empty")]
    [InlineData("starts-with: { value: \"\" }", "error EVH005: metrics[0].starts-with.value: the prefix is empty")]
    [InlineData("regex: { value: \"\" }", "error EVH005: metrics[0].regex.value: the regular expression is empty")]
    [InlineData("regex: { value: \"([a-z\" }", "error EVH005: metrics[0].regex.value: invalid regular expression")]
    [InlineData("contains-any: { value: '\"open, x' }", "error EVH005: metrics[0].contains-any.value: unterminated quoted field in '\"open, x'")]
    [InlineData("contains", "error EVH005: metrics[0].contains: metric 'contains' needs 'value' (a literal) or 'field' (a field of each case)")]
    [InlineData("equals: { value: x, field: y }", "error EVH005: metrics[0].equals: give either 'value' or 'field', not both")]
    [InlineData("contains-all: { value: [a, [b]] }", "error EVH005: metrics[0].contains-all.value: expected a list of strings")]
    public void InvalidParameters_AreLoadTimeErrors(string entry, string expected) =>
        Assert.Contains(expected, LoadError(entry), StringComparison.Ordinal);
}
