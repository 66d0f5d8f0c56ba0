using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EvalHarness.Targets;
using Microsoft.Extensions.AI;

namespace EvalHarness.Cli.Tests;

/// <summary><c>generate synthetic</c> (Bogus templates) and <c>generate perturb</c> (robustness copies): deterministic, well-formed, and loud about bad input.</summary>
public sealed partial class GenerateCommandTests : IDisposable
{
    private static readonly string[] Plans = ["free", "pro", "enterprise"];
    private readonly TempRepository _repo = new("evh-generate");

    private const string Template = """
        count: 12
        seed: 7
        locales: [en, de]
        id: "greet-{{index}}"
        fields:
          customer: "{{name.firstName}} {{name.lastName}}"
          email: "{{internet.email}}"
          question: "Hi, I'm {{fields.customer}}. Please change my email to {{fields.email}}."
          plan: { pick: [free, pro, enterprise] }
          seats: { number: { min: 1, max: 50 } }
          tags: [support, "{{fields.plan}}"]
          lang: "{{locale}}"
          vip: { chance: 0.5 }
          raw: { literal: "{{kept}}" }
        """;

    public void Dispose() => _repo.Dispose();

    private static List<JsonObject> Rows(string file) => File.ReadLines(file).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    [Fact]
    public async Task SyntheticRowsFollowTheTemplateAndTheSeed()
    {
        var template = _repo.Write("t.yaml", Template);
        var first = await CliRunner.RunAsync(["generate", "synthetic", template, "-o", _repo.PathOf("a.jsonl")]);
        await CliRunner.RunAsync(["generate", "synthetic", template, "-o", _repo.PathOf("b.jsonl")]);
        await CliRunner.RunAsync(["generate", "synthetic", template, "-o", _repo.PathOf("more.jsonl"), "--count", "20"]);
        await CliRunner.RunAsync(["generate", "synthetic", template, "-o", _repo.PathOf("other.jsonl"), "--seed", "8"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("Wrote 12 rows to ", first.Output[..17]);
        Assert.Equal(File.ReadAllBytes(_repo.PathOf("a.jsonl")), File.ReadAllBytes(_repo.PathOf("b.jsonl")));
        Assert.Equal(File.ReadLines(_repo.PathOf("a.jsonl")), File.ReadLines(_repo.PathOf("more.jsonl")).Take(12));
        Assert.NotEqual(File.ReadAllText(_repo.PathOf("a.jsonl")), File.ReadAllText(_repo.PathOf("other.jsonl")));
        var rows = Rows(_repo.PathOf("a.jsonl"));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => "greet-" + i), rows.Select(r => r["id"]!.GetValue<string>()));
        Assert.All(rows, r =>
        {
            Assert.Equal("Hi, I'm " + r["customer"] + ". Please change my email to " + r["email"] + ".", r["question"]!.GetValue<string>());
            Assert.Matches("^[^ ]+ [^ ]+", r["customer"]!.GetValue<string>());
            Assert.Matches("^[^@\\s]+@[^@\\s]+\\.[a-z]+$", r["email"]!.GetValue<string>());
            Assert.Contains(r["plan"]!.GetValue<string>(), Plans);
            Assert.InRange(r["seats"]!.GetValue<long>(), 1, 50);
            Assert.Equal(["support", r["plan"]!.GetValue<string>()], r["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
            Assert.Contains(r["lang"]!.GetValue<string>(), new[] { "en", "de" });
            Assert.Equal("{{kept}}", r["raw"]!.GetValue<string>());
        });
        Assert.Equal(2, rows.Select(r => r["lang"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(2, rows.Select(r => r["vip"]!.GetValue<bool>()).Distinct().Count());
    }

    [Fact]
    public async Task TemplateMistakesNameFileLineAndField()
    {
        var text = Template.Replace("count: 12", "count: 0", StringComparison.Ordinal)
            .Replace("internet.email", "internet.emial", StringComparison.Ordinal)
            .Replace("{{fields.plan}}", "{{fields.plans}}", StringComparison.Ordinal)
            .Replace("locales: [en, de]", "locales: [en, xx]", StringComparison.Ordinal) + "\nextra: 1\n";
        var template = _repo.Write("bad.yaml", text);
        int Line(string needle) => Array.FindIndex(text.ReplaceLineEndings("\n").Split('\n'), l => l.Contains(needle, StringComparison.Ordinal)) + 1;

        var (code, output, error) = await CliRunner.RunAsync(["generate", "synthetic", template, "-o", _repo.PathOf("never.jsonl")]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("bad.yaml(" + Line("count:") + ",8): error EVH013: count: must be a whole number of at least 1", error, StringComparison.Ordinal);
        Assert.Contains("bad.yaml(" + Line("locales:") + ",", error, StringComparison.Ordinal);
        Assert.Contains("'xx' is not a Bogus locale", error, StringComparison.Ordinal);
        Assert.Contains("bad.yaml(" + Line("email:") + ",10): error EVH014: fields.email: Bogus cannot fill \"{{internet.emial}}\"", error, StringComparison.Ordinal);
        Assert.Contains("error EVH014: fields.tags[1]: {{fields.plans}} names no earlier field", error, StringComparison.Ordinal);
        Assert.Contains("bad.yaml(" + Line("extra:") + ",1): error EVH003: extra: unknown key", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_repo.PathOf("never.jsonl")));
        Assert.Equal(2, (await CliRunner.RunAsync(["generate", "synthetic", _repo.PathOf("missing.yaml")])).ExitCode);
    }

    private const string Dataset = """
        {"id":"a","question":"How long do I have to ask for a refund after my purchase?","tags":["billing"]}
        {"id":"b","question":"Where can I change the email address on my account?"}
        {"question":"Is there a mobile application for Android phones?","tags":["product"]}
        """;

    [Fact]
    public async Task PerturbationsChangeTheTextTheWayTheirKindSays()
    {
        var dataset = _repo.Write("d.jsonl", Dataset + "\n");

        var (code, output, _) = await CliRunner.RunAsync(["generate", "perturb", dataset, "--field", "question", "-o", _repo.PathOf("p.jsonl")]);

        Assert.Equal(0, code);
        Assert.StartsWith("Wrote 15 rows", output, StringComparison.Ordinal);
        var originals = Dataset.Split('\n').Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var rows = Rows(_repo.PathOf("p.jsonl"));
        Assert.Equal(["a--typos", "a--casing", "a--whitespace", "a--pii", "a--truncate"], rows.Take(5).Select(r => r["id"]!.GetValue<string>()));
        Assert.Equal("line-3--truncate", rows[^1]["id"]!.GetValue<string>());
        foreach (var row in rows)
        {
            var perturbation = row["perturbation"]!;
            var kind = perturbation["kind"]!.GetValue<string>();
            var line = perturbation["line"]!.GetValue<int>();
            var before = originals[line - 1]["question"]!.GetValue<string>();
            var after = row["question"]!.GetValue<string>();
            Assert.NotEqual(before, after);
            Assert.Contains("perturbed:" + kind, row["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
            switch (kind)
            {
                case "typos":
                    Assert.InRange(after.Length, before.Length - 5, before.Length + 5);
                    Assert.Equal(before.Split(' ').Length, after.Split(' ').Length);
                    break;
                case "casing":
                    Assert.Equal(before, after, ignoreCase: true);
                    break;
                case "whitespace":
                    Assert.Equal(before, Whitespace().Replace(after, " ").Trim());
                    break;
                case "pii":
                    Assert.Contains(before, after, StringComparison.Ordinal);
                    Assert.Contains(perturbation["injected"]![0]!.GetValue<string>(), after, StringComparison.Ordinal);
                    break;
                default:
                    Assert.StartsWith(after, before, StringComparison.Ordinal);
                    Assert.InRange(after.Length, 1, before.Length - 1);
                    break;
            }
        }
    }

    [Fact]
    public async Task PerturbationsAreDeterministicPerRowAndSeed()
    {
        var three = _repo.Write("three.jsonl", Dataset + "\n");
        var two = _repo.Write("two.jsonl", string.Join("\n", Dataset.Split('\n').Skip(1)) + "\n");

        await CliRunner.RunAsync(["generate", "perturb", three, "-f", "question", "-k", "typos,pii", "-o", _repo.PathOf("1.jsonl")]);
        await CliRunner.RunAsync(["generate", "perturb", three, "-f", "question", "-k", "typos,pii", "-o", _repo.PathOf("2.jsonl")]);
        await CliRunner.RunAsync(["generate", "perturb", two, "-f", "question", "-k", "typos,pii", "-o", _repo.PathOf("3.jsonl")]);
        await CliRunner.RunAsync(["generate", "perturb", three, "-f", "question", "-k", "typos,pii", "--seed", "2", "-o", _repo.PathOf("4.jsonl")]);

        Assert.Equal(File.ReadAllBytes(_repo.PathOf("1.jsonl")), File.ReadAllBytes(_repo.PathOf("2.jsonl")));
        var b = Rows(_repo.PathOf("1.jsonl")).Where(r => r["id"]!.GetValue<string>().StartsWith("b--", StringComparison.Ordinal)).Select(r => r["question"]!.ToJsonString());
        var bAlone = Rows(_repo.PathOf("3.jsonl")).Where(r => r["id"]!.GetValue<string>().StartsWith("b--", StringComparison.Ordinal)).Select(r => r["question"]!.ToJsonString());
        Assert.Equal(b, bAlone);
        Assert.NotEqual(File.ReadAllText(_repo.PathOf("1.jsonl")), File.ReadAllText(_repo.PathOf("4.jsonl")));
    }

    [Fact]
    public async Task APerturbedDatasetRunsAsASuite()
    {
        var dataset = _repo.Write("datasets/d.jsonl", Dataset + "\n");
        await CliRunner.RunAsync(["generate", "perturb", dataset, "-f", "question", "--include-original", "-o", _repo.PathOf("datasets/robust.jsonl")]);
        var suite = _repo.Write("eval-suites/robust/suite.yaml",
            "name: robust\ndataset: ../../datasets/robust.jsonl\nmapping: { input: question }\nmetrics:\n  - not-contains: \"As an AI\"\n");
        var target = new Dictionary<string, IEvalTarget>
        {
            ["robust"] = new DelegateTarget((c, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "You asked: " + c.Input)))),
        };

        var (code, output, error) = await CliRunner.RunAsync(["run", suite, "--json"], new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = _repo.Artifacts }, target);

        Assert.True(code == 0, output + error);
        Assert.Equal(18, JsonNode.Parse(output)!["suites"]![0]!["cases"]!.GetValue<int>());
    }

    [Fact]
    public async Task PerturbRefusesMissingFieldsUnknownKindsAndOtherFormats()
    {
        var dataset = _repo.Write("d.jsonl", Dataset + "\n{ not json\n");
        var csv = _repo.Write("d.csv", "id,question\na,b\n");

        var missing = await CliRunner.RunAsync(["generate", "perturb", dataset, "-f", "prompt"]);
        var kind = await CliRunner.RunAsync(["generate", "perturb", dataset, "-f", "question", "-k", "emoji"]);
        var format = await CliRunner.RunAsync(["generate", "perturb", csv, "-f", "question"]);
        var rate = await CliRunner.RunAsync(["generate", "perturb", dataset, "-f", "question", "--rate", "0"]);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("d.jsonl(1,1): error EVH008: prompt: the row has no 'prompt' to perturb", missing.Error, StringComparison.Ordinal);
        Assert.Contains("d.jsonl(4,1): error EVH007: invalid JSON", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, kind.ExitCode);
        Assert.Contains("--kind emoji is not a perturbation; use typos, casing, whitespace, pii or truncate", kind.Error, StringComparison.Ordinal);
        Assert.Equal(2, format.ExitCode);
        Assert.Contains("perturb reads JSON Lines", format.Error, StringComparison.Ordinal);
        Assert.Equal(2, rate.ExitCode);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
