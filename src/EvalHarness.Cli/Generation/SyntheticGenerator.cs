using System.Globalization;
using System.Text.Json.Nodes;
using Bogus;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Generation;

/// <summary>
/// Writes the rows of a <see cref="SyntheticTemplate"/>: the same template, count and seed always give the same rows, and a larger count only
/// adds rows after the ones a smaller count gives (one random stream per locale, consumed row by row).
/// </summary>
internal static class SyntheticGenerator
{
    public static IEnumerable<JsonObject> Generate(SyntheticTemplate template, int? count = null, int? seed = null)
    {
        // Bogus dates count from a process-wide clock: pinned to the template's 'now' while rows are made, so the file never depends on the day.
        var clock = Bogus.DataSets.Date.SystemClock;
        Bogus.DataSets.Date.SystemClock = () => template.Now;
        try
        {
            foreach (var row in Rows(template, count, seed))
            {
                yield return row;
            }
        }
        finally
        {
            Bogus.DataSets.Date.SystemClock = clock;
        }
    }

    private static IEnumerable<JsonObject> Rows(SyntheticTemplate template, int? count, int? seed)
    {
        var baseSeed = seed ?? template.Seed;
        var fakers = template.Locales.Select((locale, i) => new Faker(locale) { Random = new Randomizer(unchecked(baseSeed + (i * 7919))) }).ToArray();
        var pickLocale = new Random(baseSeed);
        var rows = count ?? template.Count;
        for (var index = 1; index <= rows; index++)
        {
            var which = fakers.Length == 1 ? 0 : pickLocale.Next(fakers.Length);
            var context = new Row(index, template.Locales[which], fakers[which]);
            var row = new JsonObject { ["id"] = context.Text(template.Id.Scalar!) };
            foreach (var (name, node) in template.Fields)
            {
                var value = context.Value(node);
                row[name] = value;
                context.Fields[name] = value;
            }

            yield return row;
        }
    }

    private sealed class Row(int index, string locale, Faker faker)
    {
        public Dictionary<string, JsonNode?> Fields { get; } = new(StringComparer.Ordinal);

        public JsonNode? Value(ConfigNode node)
        {
            switch (node.Kind)
            {
                case ConfigNodeKind.Null:
                    return null;
                case ConfigNodeKind.Scalar when SyntheticTemplate.IsText(node):
                    return Text(node.Scalar!);
                case ConfigNodeKind.Scalar when node.TryGetBoolean(out var flag):
                    return flag;
                case ConfigNodeKind.Scalar when node.TryGetInt32(out var whole):
                    return whole;
                case ConfigNodeKind.Scalar:
                    node.TryGetDouble(out var number);
                    return number;
                case ConfigNodeKind.Sequence:
                    return new JsonArray(node.Items.Select(Value).ToArray());
            }

            switch (SyntheticTemplate.GeneratorOf(node))
            {
                case "pick":
                    return Value(faker.Random.ArrayElement(node.Entries[0].Value.Items.ToArray()));
                case "number":
                    var spec = node.Entries[0].Value;
                    spec.Get("min")!.TryGetDouble(out var min);
                    spec.Get("max")!.TryGetDouble(out var max);
                    var decimals = spec.Get("decimals") is { } d && d.TryGetInt32(out var places) ? places : 0;
                    return decimals == 0
                        ? faker.Random.Long((long)Math.Ceiling(min), (long)Math.Floor(max))
                        : Math.Round(faker.Random.Decimal((decimal)min, (decimal)max), decimals, MidpointRounding.ToEven);
                case "chance":
                    node.Entries[0].Value.TryGetDouble(out var p);
                    return faker.Random.Bool((float)p);
                case "literal":
                    return Literal(node.Entries[0].Value);
            }

            var obj = new JsonObject();
            foreach (var (key, value) in node.Entries)
            {
                obj[key] = Value(value);
            }

            return obj;
        }

        public string Text(string template)
        {
            var own = SyntheticTemplate.OwnPlaceholder().Replace(template, m => m.Groups[1].Value switch
            {
                "index" => index.ToString(CultureInfo.InvariantCulture),
                "locale" => locale,
                _ => Fields.TryGetValue(m.Groups["field"].Value, out var v) ? v is JsonValue j && j.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? string.Empty : string.Empty,
            });
            return own.Contains("{{", StringComparison.Ordinal) ? faker.Parse(own) : own;
        }

        private static JsonNode? Literal(ConfigNode node) => node.Kind switch
        {
            ConfigNodeKind.Null => null,
            ConfigNodeKind.Scalar when SyntheticTemplate.IsText(node) => node.Scalar,
            ConfigNodeKind.Scalar when node.TryGetBoolean(out var b) => b,
            ConfigNodeKind.Scalar when node.TryGetInt32(out var i) => i,
            ConfigNodeKind.Scalar => node.TryGetDouble(out var n) ? n : node.Scalar,
            ConfigNodeKind.Sequence => new JsonArray(node.Items.Select(Literal).ToArray()),
            _ => new JsonObject(node.Entries.Select(e => KeyValuePair.Create(e.Key, Literal(e.Value)))),
        };
    }
}
