using System.Text.Json.Nodes;

namespace EvalHarness.Cli.Tests;

/// <summary><c>evalharness import</c> on the committed sample exports (tests/EvalHarness.Tests/Importing/Data): formats, filters, sampling, scrubbing, errors, and a suite run over the result.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private static readonly string Data = Path.Combine(RepositoryRoot.Path, "tests", "EvalHarness.Tests", "Importing", "Data");
    private readonly TempRepository _repo = new("evh-import");

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData("langfuse-traces.jsonl", "langfuse", "lf-001,lf-002,lf-004,lf-005,lf-006")]
    [InlineData("opik-traces.json", "opik", "0193a1f2-7c1e-7d4a-9a51-1b2c3d4e5f60,0193a1f2-7c1e-7d4a-9a51-1b2c3d4e5f61,0193a1f2-7c1e-7d4a-9a51-1b2c3d4e5f62")]
    [InlineData("otlp-genai.json", "otlp", "5b8efff798038103d269b633813fc60c,0af7651916cd43dd8448eb211c80319c")]
    public async Task EachFormatImportsItsSample(string file, string format, string ids)
    {
        var target = _repo.PathOf("out/dataset.jsonl");

        var (code, output, error) = await CliRunner.RunAsync(["import", Path.Combine(Data, file), "--format", format, "-o", target]);

        Assert.Equal(string.Empty, error);
        Assert.Equal(0, code);
        Assert.Equal(ids, string.Join(",", Rows(target).Select(r => (string?)r["id"])));
        Assert.Contains("imported " + ids.Split(',').Length + " row(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainJsonlWithAMap()
    {
        var target = _repo.PathOf("plain.jsonl");

        var (code, _, _) = await CliRunner.RunAsync(["import", Path.Combine(Data, "plain.jsonl"), "-o", target, "--format", "jsonl",
            "--map", "id=request.id,input=request.text,output=response.text,expected=label"]);

        Assert.Equal(0, code);
        var rows = Rows(target);
        Assert.Equal(["req-1", "req-2", "req-3"], rows.Select(r => (string?)r["id"]));
        Assert.Equal("Gute Nacht", (string?)rows[1]["output"]);
        Assert.Equal("Gute Nacht", (string?)rows[1]["expected"]);
    }

    [Fact]
    public async Task FiltersCombineIntoHardNegatives()
    {
        var target = _repo.PathOf("hard.jsonl");

        var (code, output, _) = await CliRunner.RunAsync(["import", Path.Combine(Data, "langfuse-traces.jsonl"), "-o", target, "--thumbs-down", "--tag", "prod",
            "--since", "2026-11-16T00:00:00Z", "--until", "2026-11-22T00:00:00Z", "--model", "gpt-4o-mini", "--score-below", "0.5"]);

        Assert.Equal(0, code);
        Assert.Equal(["lf-002"], Rows(target).Select(r => (string?)r["id"]));
        Assert.Contains("imported 1 row(s) from 6 trace(s) (5 filtered out, 0 duplicate(s), 0 not sampled)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorsOnlyKeepsTheFailedCalls()
    {
        var target = _repo.PathOf("errors.jsonl");

        var (code, _, _) = await CliRunner.RunAsync(["import", Path.Combine(Data, "langfuse-traces.jsonl"), Path.Combine(Data, "otlp-genai.json"), "-o", target, "--errors-only"]);

        Assert.Equal(0, code);
        Assert.Equal(["lf-004", "0af7651916cd43dd8448eb211c80319c"], Rows(target).Select(r => (string?)r["id"]));
    }

    [Fact]
    public async Task SamplingWithASeedIsReproducibleAndDuplicatesAreDropped()
    {
        var first = _repo.PathOf("a.jsonl");
        var second = _repo.PathOf("b.jsonl");

        var (code, output, _) = await CliRunner.RunAsync(["import", Path.Combine(Data, "langfuse-traces.jsonl"), "-o", first, "--sample", "2", "--seed", "42"]);
        await CliRunner.RunAsync(["import", Path.Combine(Data, "langfuse-traces.jsonl"), "-o", second, "--sample", "2", "--seed", "42"]);

        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
        Assert.Equal(2, Rows(first).Count);
        Assert.Contains("(0 filtered out, 1 duplicate(s), 3 not sampled)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrubPiiRedactsTheDataset()
    {
        var target = _repo.PathOf("scrubbed.jsonl");

        var (code, _, _) = await CliRunner.RunAsync(["import", Path.Combine(Data, "langfuse-traces.jsonl"), "-o", target, "--scrub-pii"]);

        Assert.Equal(0, code);
        var text = File.ReadAllText(target);
        Assert.DoesNotContain("jane.doe@example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("555 0132", text, StringComparison.Ordinal);
        Assert.Equal("Can you change the email on my account to [REDACTED:email]?", (string?)Rows(target)[1]["input"]);
    }

    [Fact]
    public async Task BadInputExitsTwoNamingFileLineAndField()
    {
        var bad = _repo.Write("bad.json", "[\n  {\"id\": \"a\", \"input\": \"q\", \"output\": \"x\", \"timestamp\": \"2026-11-20T00:00:00Z\"},\n  {\"id\": \"b\", \"input\": \"q\", \"output\": \"y\", \"timestamp\": \"yesterday\"}\n]\n");

        var (code, _, error) = await CliRunner.RunAsync(["import", bad, "-o", _repo.PathOf("x.jsonl")]);
        var (format, _, formatError) = await CliRunner.RunAsync(["import", bad, "-o", _repo.PathOf("x.jsonl"), "--format", "csv"]);

        Assert.Equal(2, code);
        Assert.Equal(bad + "(3,1): error EVH007: timestamp: expected an ISO 8601 time, found 'yesterday'", error.Trim());
        Assert.Equal(2, format);
        Assert.Contains("--format must be otlp, langfuse, opik or jsonl", formatError, StringComparison.Ordinal);
        Assert.False(File.Exists(_repo.PathOf("x.jsonl")));
    }

    [Fact]
    public async Task TheImportedDatasetRunsAsASuite()
    {
        var dataset = _repo.PathOf("evals/imported.jsonl");
        var (imported, _, _) = await CliRunner.RunAsync(["import", Path.Combine(Data, "plain.jsonl"), "-o", dataset,
            "--map", "id=request.id,input=request.text,output=response.text,expected=label"]);
        var suite = _repo.Write("evals/suite.yaml", "name: imported\ndataset: imported.jsonl\ntarget: { output: output }\nmetrics:\n  - exact-match\n");

        var (code, output, error) = await CliRunner.RunAsync(["run", suite], new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = _repo.PathOf("artifacts") });

        Assert.Equal(0, imported);
        // req-3 answered "Bis bald" where the label says "Bis später": one of three cases fails, so the gate fails.
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("req-3", output, StringComparison.Ordinal);
        Assert.DoesNotContain("req-1", output, StringComparison.Ordinal);
    }

    private static List<JsonNode> Rows(string path) => File.ReadAllLines(path).Select(l => JsonNode.Parse(l)!).ToList();
}
