using static EvalHarness.Tests.Metrics.MetricTestKit;

namespace EvalHarness.Tests.Metrics;

public sealed class JsonCheckTests : IDisposable
{
    private const string Schema = "{ type: object, required: [name], properties: { name: { type: string }, age: { type: integer, minimum: 0 } } }";
    private readonly string _directory = Directory.CreateTempSubdirectory("evalharness-schema-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("is-json", "{\"a\": 1}", Verdict.Pass)]
    [InlineData("is-json", "  [1, 2]\n", Verdict.Pass)]
    [InlineData("is-json", "\"Grüße 👍🏽\"", Verdict.Pass)]
    [InlineData("is-json", "null", Verdict.Pass)]
    [InlineData("is-json", "", Verdict.Fail)]
    [InlineData("is-json", "{\"a\": 1,}", Verdict.Fail)] // JSON.parse rejects trailing commas
    [InlineData("is-json", "Here: {\"a\": 1}", Verdict.Fail)]
    [InlineData("not-is-json", "plain text", Verdict.Pass)]
    [InlineData("is-json: { value: " + Schema + " }", "{\"name\": \"Zoë\", \"age\": 3}", Verdict.Pass)]
    [InlineData("is-json: { value: " + Schema + " }", "{\"age\": -1}", Verdict.Fail)]
    [InlineData("is-json: { value: '{\"type\": \"array\"}' }", "[]", Verdict.Pass)]
    [InlineData("not-is-json: { value: " + Schema + " }", "{\"age\": 3}", Verdict.Pass)]
    [InlineData("contains-json", "Sure! Here it is:\n```json\n{\"city\": \"Zürich\"}\n```", Verdict.Pass)]
    [InlineData("contains-json", "Result: {city: Paris, // a comment\n zip: 75001}", Verdict.Pass)] // promptfoo parses leniently (YAML)
    [InlineData("contains-json", "truncated {\"a\": {\"b\": 1}", Verdict.Pass)] // missing closing braces at the end are added
    [InlineData("contains-json", "only an array [1, 2]", Verdict.Fail)] // promptfoo looks for objects only
    [InlineData("contains-json", "", Verdict.Fail)]
    [InlineData("contains-json", "{ not: [valid }", Verdict.Fail)]
    [InlineData("contains-json: { value: " + Schema + " }", "a {\"x\": 1} then {\"name\": \"Ann\"}", Verdict.Pass)]
    [InlineData("contains-json: { value: " + Schema + " }", "a {\"x\": 1}", Verdict.Fail)]
    [InlineData("not-contains-json", "no braces here", Verdict.Pass)]
    [InlineData("json-schema: { schema: " + Schema + " }", "{\"name\": \"李\"}", Verdict.Pass)]
    [InlineData("json-schema: { schema: " + Schema + " }", "{\"name\": 5, \"age\": 1.5}", Verdict.Fail)]
    [InlineData("json-schema: { schema: " + Schema + " }", "{\"name\": \"x\"} trailing", Verdict.Fail)]
    [InlineData("json-schema: { schema: " + Schema + " }", "\n\t{\"name\": \"x\"}\n", Verdict.Pass)]
    [InlineData("json-schema: { schema: " + Schema + " }", "", Verdict.Fail)]
    public async Task Json_GivesVerdict(string entry, string output, Verdict expected)
    {
        var result = await Run(entry, output);

        Assert.Equal(expected, result.Verdict);
    }

    [Fact]
    public async Task JsonSchema_ListsEveryViolationWithItsPath()
    {
        var result = await Run("json-schema: { schema: " + Schema + " }", "{\"name\": 5, \"age\": -2}");

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal("#/age: NumberTooSmall\n#/name: StringExpected", result.Details["violations"]);
        Assert.Contains("in 2 place(s)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonSchema_ReadsASchemaFileRelativeToTheSuite()
    {
        var suiteDirectory = Path.Combine(_directory, "eval-suites", "demo");
        Directory.CreateDirectory(Path.Combine(suiteDirectory, "schemas"));
        await File.WriteAllTextAsync(Path.Combine(suiteDirectory, "schemas", "answer.yaml"), "type: object\nrequired: [answer]\n", TestContext.Current.CancellationToken);
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _directory;
        try
        {
            var metric = Create("json-schema: { schema_file: schemas/answer.yaml }");

            Assert.Equal(Verdict.Pass, (await Evaluate(metric, "{\"answer\": 42}")).Verdict);
            Assert.Equal(Verdict.Fail, (await Evaluate(metric, "{}")).Verdict);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Theory]
    [InlineData("json-schema", "error EVH005: metrics[0].json-schema: give the JSON Schema as 'schema' (inline) or 'schema_file'")]
    [InlineData("json-schema: { schema: { type: object }, schema_file: a.json }", "error EVH005: metrics[0].json-schema: give the JSON Schema as")]
    [InlineData("json-schema: { schema_file: missing.json }", "error EVH005: metrics[0].json-schema.schema_file: schema file 'missing.json' not found")]
    [InlineData("json-schema: { schema: { minimum: abc } }", "(4,28): error EVH005: metrics[0].json-schema.schema: the JSON Schema does not compile: Could not convert string to decimal: abc.")]
    [InlineData("is-json: { value: [1, 2] }", "error EVH005: metrics[0].is-json.value: a JSON Schema is a mapping (or true/false), found a list")]
    [InlineData("is-json: { value: 'type: [' }", "error EVH005: metrics[0].is-json.value: the schema is neither JSON nor YAML")]
    [InlineData("is-json: { value: { $ref: 'https://example.com/s.json' } }", "error EVH005: metrics[0].is-json.value: the JSON Schema does not compile")]
    [InlineData("is-json: \"x\"", "error EVH005: metrics[0].is-json: metric 'is-json' takes no value")]
    public void InvalidSchemas_AreLoadTimeErrors(string entry, string expected) =>
        Assert.Contains(expected, LoadError(entry), StringComparison.Ordinal);
}
