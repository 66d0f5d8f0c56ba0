using System.Globalization;
using System.Text.RegularExpressions;
using Bogus;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Generation;

/// <summary>
/// A template for <c>evalharness generate synthetic</c>: how many rows, the seed, the Bogus locale(s), the id pattern and one value template
/// per field (see <c>docs/generate.md</c>). Parsing checks everything a row needs — keys, generator arguments, field references and every Bogus
/// placeholder — so a bad template fails before any row is written, with file, line and field.
/// </summary>
internal sealed partial class SyntheticTemplate
{
    public const string DefaultId = "case-{{index}}";
    /// <summary>The moment Bogus's date placeholders count from unless the template sets <c>now:</c>, so files do not change with the day.</summary>
    public static readonly DateTime DefaultNow = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] TopLevelKeys = ["count", "seed", "locale", "locales", "now", "id", "fields"];
    private static readonly string[] Generators = ["pick", "number", "chance", "literal"];

    private SyntheticTemplate(int count, int seed, IReadOnlyList<string> locales, DateTime now, ConfigNode id, IReadOnlyList<KeyValuePair<string, ConfigNode>> fields)
    {
        Now = now;
        Count = count;
        Seed = seed;
        Locales = locales;
        Id = id;
        Fields = fields;
    }

    public int Count { get; }

    public int Seed { get; }

    public IReadOnlyList<string> Locales { get; }

    public DateTime Now { get; }

    public ConfigNode Id { get; }

    public IReadOnlyList<KeyValuePair<string, ConfigNode>> Fields { get; }

    /// <summary>Parses and checks a template; null with <paramref name="errors"/> filled when it is invalid.</summary>
    public static SyntheticTemplate? Parse(string text, string file, List<ConfigError> errors)
    {
        var root = YamlConfigReader.Read(text, file, errors);
        if (root is null || errors.Count > 0)
        {
            return null;
        }

        if (root.Kind != ConfigNodeKind.Mapping)
        {
            errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, root.Location, string.Empty, "a template is a mapping with 'fields:' (and count, seed, locale, id)"));
            return null;
        }

        for (var i = 0; i < root.Entries.Count; i++)
        {
            if (!TopLevelKeys.Contains(root.Entries[i].Key))
            {
                errors.Add(new ConfigError(ConfigErrorCode.UnknownKey, root.KeyLocation(root.Entries[i].Key), root.Entries[i].Key,
                    "unknown key; a template has " + string.Join(", ", TopLevelKeys)));
            }
        }

        var count = Integer(root, "count", 10, 1, errors);
        var seed = Integer(root, "seed", 1, int.MinValue, errors);
        var locales = ReadLocales(root, errors);
        var now = DefaultNow;
        if (root.Get("now") is { } nowNode && !(nowNode.Kind == ConfigNodeKind.Scalar &&
            DateTime.TryParse(nowNode.Scalar, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out now)))
        {
            errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, nowNode.Location, "now", "must be a date such as 2025-01-01 (Bogus's date placeholders count from it)"));
        }

        var id = root.Get("id") ?? ConfigNode.FromScalar(DefaultId, root.Location, quoted: true);
        if (id.Kind != ConfigNodeKind.Scalar)
        {
            errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, id.Location, "id", "must be a text template such as \"case-{{index}}\""));
        }

        var fields = root.Get("fields");
        if (fields is not { Kind: ConfigNodeKind.Mapping } || fields.Entries.Count == 0)
        {
            errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, fields?.Location ?? root.Location, "fields",
                fields is null ? "is required: one value template per dataset field" : "must be a mapping of field names to value templates"));
            return null;
        }

        var known = new List<string>();
        var probe = new Faker(locales.FirstOrDefault() ?? "en") { Random = new Randomizer(0) };
        Check(id, "id", known, probe, errors);
        foreach (var (name, node) in fields.Entries)
        {
            if (name == "id")
            {
                errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, fields.KeyLocation(name), "fields.id", "set ids with the top-level 'id:' template"));
                continue;
            }

            Check(node, "fields." + name, known, probe, errors);
            known.Add(name);
        }

        return errors.Count == 0 ? new SyntheticTemplate(count, seed, locales, now, id, fields.Entries) : null;
    }

    /// <summary>The placeholders the generator fills itself; every other <c>{{…}}</c> goes to Bogus's <c>Faker.Parse</c>.</summary>
    [GeneratedRegex(@"\{\{\s*(index|locale|fields\.(?<field>[^}\s]+))\s*\}\}", RegexOptions.CultureInvariant)]
    public static partial Regex OwnPlaceholder();

    private static int Integer(ConfigNode root, string key, int fallback, int min, List<ConfigError> errors)
    {
        if (root.Get(key) is not { } node)
        {
            return fallback;
        }

        if (node.TryGetInt32(out var value) && value >= min)
        {
            return value;
        }

        errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, node.Location, key,
            "must be a whole number" + (min > int.MinValue ? " of at least " + min.ToString(CultureInfo.InvariantCulture) : string.Empty) + ", not " + node.Describe()));
        return fallback;
    }

    private static List<string> ReadLocales(ConfigNode root, List<ConfigError> errors)
    {
        var one = root.Get("locale");
        var many = root.Get("locales");
        if (one is not null && many is not null)
        {
            errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, root.KeyLocation("locales"), "locales", "give either 'locale:' or 'locales:', not both"));
        }

        var nodes = many is { Kind: ConfigNodeKind.Sequence } ? many.Items : one is not null ? [one] : many is not null ? [many] : [];
        var locales = new List<string>();
        foreach (var node in nodes)
        {
            if (node.Kind == ConfigNodeKind.Scalar && node.Scalar is { Length: > 0 } locale && Database.LocaleResourceExists(locale))
            {
                locales.Add(locale);
                continue;
            }

            errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, node.Location, many is null ? "locale" : "locales",
                node.Describe() + " is not a Bogus locale; use one of " + string.Join(", ", Database.GetAllLocales())));
        }

        return locales.Count == 0 ? ["en"] : locales;
    }

    private static void Check(ConfigNode node, string field, List<string> known, Faker probe, List<ConfigError> errors)
    {
        switch (node.Kind)
        {
            case ConfigNodeKind.Scalar when IsText(node):
                CheckText(node, field, known, probe, errors);
                break;
            case ConfigNodeKind.Sequence:
                for (var i = 0; i < node.Items.Count; i++)
                {
                    Check(node.Items[i], field + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", known, probe, errors);
                }

                break;
            case ConfigNodeKind.Mapping when GeneratorOf(node) is { } generator:
                CheckGenerator(generator, node.Entries[0].Value, field + "." + generator, known, probe, errors);
                break;
            case ConfigNodeKind.Mapping:
                foreach (var (key, value) in node.Entries)
                {
                    Check(value, field + "." + key, known, probe, errors);
                }

                break;
        }
    }

    private static void CheckGenerator(string generator, ConfigNode value, string field, List<string> known, Faker probe, List<ConfigError> errors)
    {
        switch (generator)
        {
            case "pick" when value is { Kind: ConfigNodeKind.Sequence, Items.Count: > 0 }:
                Check(value, field, known, probe, errors);
                break;
            case "pick":
                errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, value.Location, field, "must be a non-empty list of values to pick from"));
                break;
            case "number":
                var min = value.Get("min");
                var max = value.Get("max");
                var decimals = value.Get("decimals");
                if (value.Kind != ConfigNodeKind.Mapping || min is null || max is null || !min.TryGetDouble(out var lo) || !max.TryGetDouble(out var hi) || lo > hi ||
                    (decimals is not null && !(decimals.TryGetInt32(out var d) && d is >= 0 and <= 10)) ||
                    value.Entries.Any(e => e.Key is not ("min" or "max" or "decimals")))
                {
                    errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, value.Location, field, "must be { min: <number>, max: <number ≥ min>, decimals: <0-10> } (decimals optional, default 0)"));
                }

                break;
            case "chance":
                if (!value.TryGetDouble(out var p) || p is < 0 or > 1)
                {
                    errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, value.Location, field, "must be a probability between 0 and 1 (the chance of true)"));
                }

                break;
        }
    }

    private static void CheckText(ConfigNode node, string field, List<string> known, Faker probe, List<ConfigError> errors)
    {
        var text = node.Scalar!;
        foreach (Match match in OwnPlaceholder().Matches(text))
        {
            if (match.Groups["field"] is { Success: true } reference && !known.Contains(reference.Value))
            {
                errors.Add(new ConfigError(ConfigErrorCode.UnknownPlaceholder, node.Location, field, "{{fields." + reference.Value + "}} names no earlier field" +
                    (known.Count == 0 ? string.Empty : "; earlier fields: " + string.Join(", ", known))));
            }
        }

        var bogus = OwnPlaceholder().Replace(text, "x");
        if (!bogus.Contains("{{", StringComparison.Ordinal) && !bogus.Contains("}}", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            if (bogus.Split("{{").Length != bogus.Split("}}").Length)
            {
                throw new ArgumentException("unbalanced '{{' and '}}'");
            }

            probe.Parse(bogus);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or NullReferenceException or IndexOutOfRangeException)
        {
            errors.Add(new ConfigError(ConfigErrorCode.UnknownPlaceholder, node.Location, field, "Bogus cannot fill \"" + text + "\": " + ex.Message.TrimEnd('.') +
                "; placeholders are {{index}}, {{locale}}, {{fields.<earlier field>}} or Bogus's {{dataset.method}}, e.g. {{name.firstName}}, {{internet.email}}, " +
                "{{phone_number.phoneNumber}}, {{address.city}}, {{company.companyName}}, {{lorem.sentence}}, {{randomizer.number(1,10)}}"));
        }
    }

    /// <summary>A scalar that becomes text: quoted, or not a number, boolean or null as YAML reads them.</summary>
    public static bool IsText(ConfigNode node) => node.Kind == ConfigNodeKind.Scalar && (node.IsQuoted || !(node.TryGetDouble(out _) || node.TryGetBoolean(out _)));

    /// <summary>The generator a single-key mapping names (<c>pick</c>, <c>number</c>, <c>chance</c>, <c>literal</c>), or null for a plain object.</summary>
    public static string? GeneratorOf(ConfigNode node) =>
        node is { Kind: ConfigNodeKind.Mapping, Entries.Count: 1 } && Generators.Contains(node.Entries[0].Key) ? node.Entries[0].Key : null;
}
