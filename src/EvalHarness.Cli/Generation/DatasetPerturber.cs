using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bogus;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Generation;

/// <summary>
/// Perturbs the text fields of a JSON Lines dataset for a robustness suite: one new row per original row and kind, with the id
/// <c>&lt;id&gt;--&lt;kind&gt;</c>, the tags <c>perturbed</c> and <c>perturbed:&lt;kind&gt;</c>, and a <c>perturbation</c> field saying what was
/// done (for <c>pii</c>, the personal data injected, so a metric can check the output does not repeat it).
/// </summary>
/// <remarks>
/// Each row's changes are drawn from a seed derived from the run's seed, the row's id, the kind and the field, so they do not depend on the
/// other rows: adding or removing a row never changes another row's perturbation.
/// </remarks>
internal sealed class DatasetPerturber(IReadOnlyList<string> fields, IReadOnlyList<PerturbationKind> kinds, int seed, double rate, bool includeOriginal)
{
    public const string IdSuffixSeparator = "--";

    /// <summary>Reads <paramref name="path"/> and returns the rows to write; errors name file, line and field.</summary>
    public IReadOnlyList<JsonObject> Perturb(string path, string display, List<ConfigError> errors)
    {
        var output = new List<JsonObject>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonObject row;
            try
            {
                row = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("a row must be a JSON object");
            }
            catch (JsonException ex)
            {
                errors.Add(new ConfigError(ConfigErrorCode.MalformedDatasetLine, new SourceLocation(display, lineNumber, 1), string.Empty, "invalid JSON: " + ex.Message));
                continue;
            }

            var id = row["id"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "line-" + lineNumber;
            var missing = fields.Where(f => !(row[f] is JsonValue s && s.TryGetValue<string>(out _))).ToList();
            if (missing.Count > 0)
            {
                errors.AddRange(missing.Select(f => new ConfigError(ConfigErrorCode.MappedFieldMissing, new SourceLocation(display, lineNumber, 1), f,
                    row[f] is null ? "the row has no '" + f + "' to perturb (give the text fields with --field)" : "must be text to be perturbed, not " + row[f]!.ToJsonString())));
                continue;
            }

            if (includeOriginal)
            {
                output.Add(row.DeepClone().AsObject());
            }

            foreach (var kind in kinds)
            {
                output.Add(Perturbed(row, id, kind, lineNumber));
            }
        }

        return output;
    }

    private JsonObject Perturbed(JsonObject original, string id, PerturbationKind kind, int line)
    {
        var row = original.DeepClone().AsObject();
        var name = kind.ToString().ToLowerInvariant();
        var injected = new JsonArray();
        foreach (var field in fields)
        {
            var text = row[field]!.GetValue<string>();
            var random = new Random(SeedOf(id, name, field));
            string changed;
            switch (kind)
            {
                case PerturbationKind.Typos:
                    changed = TextPerturbations.Typos(text, random, rate);
                    break;
                case PerturbationKind.Casing:
                    changed = TextPerturbations.Casing(text, random);
                    break;
                case PerturbationKind.Whitespace:
                    changed = TextPerturbations.Whitespace(text, random);
                    break;
                case PerturbationKind.Pii:
                    var (withPii, value) = TextPerturbations.Pii(text, new Faker("en") { Random = new Randomizer(SeedOf(id, name, field)) });
                    changed = withPii;
                    injected.Add(value);
                    break;
                default:
                    changed = TextPerturbations.Truncate(text, random);
                    break;
            }

            row[field] = changed;
        }

        var result = new JsonObject { ["id"] = id + IdSuffixSeparator + name };
        foreach (var (key, value) in row)
        {
            if (key != "id")
            {
                result[key] = value?.DeepClone();
            }
        }

        if (result["tags"] is JsonArray tags)
        {
            tags.Add("perturbed");
            tags.Add("perturbed:" + name);
        }
        else if (result["tags"] is null)
        {
            result["tags"] = new JsonArray("perturbed", "perturbed:" + name);
        }

        var perturbation = new JsonObject { ["kind"] = name, ["of"] = id, ["line"] = line, ["fields"] = new JsonArray(fields.Select(f => (JsonNode)f).ToArray()) };
        if (injected.Count > 0)
        {
            perturbation["injected"] = injected;
        }

        result["perturbation"] = perturbation;
        return result;
    }

    private int SeedOf(string id, string kind, string field)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + id + "\n" + kind + "\n" + field));
        return BitConverter.ToInt32(hash, 0) & int.MaxValue;
    }
}
