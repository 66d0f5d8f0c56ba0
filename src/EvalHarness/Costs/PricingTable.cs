using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.Costs;

/// <summary>
/// Model prices in US dollars per million input, cached-input and output tokens: the table shipped with the package
/// (<see cref="BuiltIn"/>), overridden per repository or suite by <c>evalharness.pricing.json</c> files and by the file named in
/// <c>EVALHARNESS_PRICING</c>.
/// </summary>
/// <remarks>
/// A model id is matched case-insensitively against the table's names and aliases, first as given, then without a provider prefix
/// (<c>openai/</c>, <c>meta-llama/</c>, <c>anthropic.</c>) and a version suffix (<c>-2024-08-06</c>, <c>-20241022</c>, <c>-2411</c>,
/// <c>-001</c>, <c>-latest</c>, <c>@20240620</c>, <c>-v2:0</c>). A model that matches nothing has an unknown cost, never a zero one.
/// </remarks>
public sealed partial class PricingTable
{
    /// <summary>The override file looked for beside a suite file and in every folder above it up to the repository root.</summary>
    public const string FileName = "evalharness.pricing.json";

    /// <summary>The environment variable naming a pricing file that overrides every other.</summary>
    public const string EnvironmentVariable = "EVALHARNESS_PRICING";

    private static readonly Lazy<PricingTable> BuiltInTable = new(LoadBuiltIn);
    private readonly Dictionary<string, ModelPrice> _byName;

    // Costs that depend only on the model (unknown, free, no usage reported) are immutable and repeat on every case: one instance each.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Model, int Kind), CallCost> _fixedCosts = new();
    private const int MaxFixedCosts = 1024;

    private PricingTable(IReadOnlyDictionary<string, ModelPrice> models, string? updated, IReadOnlyList<string> sources)
    {
        Models = models;
        Updated = updated;
        Sources = sources;
        _byName = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var price in models.Values)
        {
            foreach (var alias in price.Aliases)
            {
                _byName[alias] = price;
            }
        }

        // Names win over aliases of other entries.
        foreach (var price in models.Values)
        {
            _byName[price.Model] = price;
        }
    }

    /// <summary>The table shipped with the package.</summary>
    public static PricingTable BuiltIn => BuiltInTable.Value;

    /// <summary>An empty table: every model's cost is unknown.</summary>
    public static PricingTable Empty { get; } = new(new Dictionary<string, ModelPrice>(), null, []);

    /// <summary>Every priced model by its table name.</summary>
    public IReadOnlyDictionary<string, ModelPrice> Models { get; }

    /// <summary>The <c>updated</c> date of the newest layer that gives one (<c>yyyy-MM-dd</c>), or null.</summary>
    public string? Updated { get; }

    /// <summary>Where the prices came from, lowest precedence first, for example <c>built-in (2026-11-22)</c>, <c>evalharness.pricing.json</c>.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>Parses a pricing file.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="displayPath">The path shown in errors and in <see cref="Sources"/>.</param>
    /// <exception cref="EvalConfigurationException">The text is not a valid pricing file; each error names the line and field.</exception>
    public static PricingTable Parse(string json, string displayPath) => PricingFile.Parse(json, displayPath, displayPath);

    /// <summary>Reads a pricing file.</summary>
    /// <exception cref="EvalConfigurationException">The file is missing or invalid; each error names the file, line and field.</exception>
    public static PricingTable Load(string path, string? displayPath = null)
    {
        displayPath ??= path;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvalConfigurationException([new ConfigError(ConfigErrorCode.InvalidValue, new SourceLocation(displayPath, 0, 0), string.Empty,
                "cannot read the pricing file: " + ex.Message)]);
        }

        return Parse(text, displayPath);
    }

    /// <summary>
    /// The prices that apply to a suite: <see cref="BuiltIn"/>, then every <see cref="FileName"/> from the repository root down to the suite's
    /// folder, then the file named by <see cref="EnvironmentVariable"/>; a later layer replaces earlier entries of the same model.
    /// </summary>
    /// <param name="suiteFile">The suite file, or null to use only the built-in table and the environment variable.</param>
    /// <param name="environment">Reads environment variables (the process's when null).</param>
    /// <exception cref="EvalConfigurationException">An override file is missing or invalid.</exception>
    public static PricingTable Resolve(string? suiteFile, Func<string, string?>? environment = null)
    {
        var table = BuiltIn;
        if (suiteFile is not null)
        {
            foreach (var file in OverrideFiles(Path.GetDirectoryName(Path.GetFullPath(suiteFile))!))
            {
                table = table.With(Load(file, Suite.DisplayPath(file)));
            }
        }

        var fromEnvironment = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            table = table.With(Load(fromEnvironment, EnvironmentVariable + "=" + fromEnvironment));
        }

        return table;
    }

    /// <summary>This table with <paramref name="overrides"/>' entries replacing or adding to its own.</summary>
    public PricingTable With(PricingTable overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var models = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, price) in Models)
        {
            models[name] = price;
        }

        foreach (var (name, price) in overrides.Models)
        {
            models[name] = price;
        }

        return new PricingTable(models, overrides.Updated ?? Updated, [.. Sources, .. overrides.Sources]);
    }

    /// <summary>The price of <paramref name="modelId"/>, or null when the table has none.</summary>
    public ModelPrice? Find(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        foreach (var candidate in Candidates(modelId))
        {
            if (_byName.TryGetValue(candidate, out var price))
            {
                return price;
            }
        }

        return null;
    }

    /// <summary>What a call cost.</summary>
    /// <param name="modelId">The model that answered (or the configured one), or null.</param>
    /// <param name="usage">The usage the provider reported, or null.</param>
    /// <remarks>
    /// Cached input tokens are part of the input count (as Microsoft.Extensions.AI defines it) and are charged at the cached-input price;
    /// the rest of the input at the input price. A free model (every price zero) costs $0 even without usage.
    /// </remarks>
    public CallCost Price(string? modelId, UsageDetails? usage)
    {
        if (string.IsNullOrWhiteSpace(modelId))
        {
            return Fixed(string.Empty, 0, static (_, _) => CallCost.Unknown(null, "the response names no model and the suite configures none, so no price applies"));
        }

        if (Find(modelId) is not { } price)
        {
            return Fixed(modelId, 1, static (id, _) => CallCost.Unknown(id, "no price for model '" + id + "'; add it to " + FileName));
        }

        if (price.IsFree)
        {
            return Fixed(modelId, 2, (id, _) => new CallCost { Model = id, PricedAs = price.Model, Usd = 0 });
        }

        if (usage?.InputTokenCount is not { } input || usage.OutputTokenCount is not { } output)
        {
            var kind = usage is null ? 3 : usage.InputTokenCount is null ? 4 : 5;
            return Fixed(modelId, kind, (id, k) =>
                CallCost.Unknown(id, "the call to '" + id + "' reported " + (k == 3 ? "no token usage" : k == 4 ? "no input token count" : "no output token count"))
                    with { PricedAs = price.Model });
        }

        var cached = Math.Clamp(usage.CachedInputTokenCount ?? 0, 0, input);
        var inputUsd = (input - cached) * price.InputPerMillion / 1_000_000m;
        var cachedUsd = cached * (price.CachedInputPerMillion ?? price.InputPerMillion) / 1_000_000m;
        var outputUsd = output * price.OutputPerMillion / 1_000_000m;
        return new CallCost
        {
            Model = modelId,
            PricedAs = price.Model,
            Usd = inputUsd + cachedUsd + outputUsd,
            InputUsd = inputUsd,
            CachedInputUsd = cachedUsd,
            OutputUsd = outputUsd,
        };
    }

    private CallCost Fixed(string model, int kind, Func<string, int, CallCost> create)
    {
        if (_fixedCosts.TryGetValue((model, kind), out var cost))
        {
            return cost;
        }

        cost = create(model, kind);
        return _fixedCosts.Count < MaxFixedCosts ? _fixedCosts.GetOrAdd((model, kind), cost) : cost;
    }

    /// <summary>The override files that apply to a folder, outermost first (up to the folder holding <c>.git</c>, or the file system root).</summary>
    internal static IReadOnlyList<string> OverrideFiles(string folder)
    {
        var files = new List<string>();
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, FileName);
            if (File.Exists(file))
            {
                files.Add(file);
            }

            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                break;
            }
        }

        files.Reverse();
        return files;
    }

    internal static PricingTable Create(IReadOnlyDictionary<string, ModelPrice> models, string? updated, string source) =>
        new(models, updated, [source]);

    private static IEnumerable<string> Candidates(string modelId)
    {
        var id = modelId.Trim().ToLowerInvariant();
        yield return id;
        var slash = id.LastIndexOf('/');
        if (slash >= 0 && slash < id.Length - 1)
        {
            id = id[(slash + 1)..];
            yield return id;
        }

        var bedrock = BedrockPrefix().Replace(id, string.Empty);
        if (bedrock != id)
        {
            id = bedrock;
            yield return id;
        }

        while (VersionSuffix().Match(id) is { Success: true } match)
        {
            id = id[..match.Index];
            yield return id;
        }
    }

    private static PricingTable LoadBuiltIn()
    {
        using var stream = typeof(PricingTable).Assembly.GetManifestResourceStream("EvalHarness.Costs.pricing.json")
            ?? throw new InvalidOperationException("the built-in pricing table is missing from the assembly");
        using var reader = new StreamReader(stream);
        var table = PricingFile.Parse(reader.ReadToEnd(), "pricing.json (built-in)", "built-in");
        return new PricingTable(table.Models, table.Updated, ["built-in (" + (table.Updated ?? "undated") + ")"]);
    }

    [GeneratedRegex(@"^(?:[a-z]{2}\.)?anthropic\.", RegexOptions.CultureInvariant)]
    private static partial Regex BedrockPrefix();

    [GeneratedRegex(@"(?:-latest|-\d{4}-\d{2}-\d{2}|-\d{8}|-\d{4}|-\d{3}|@\d{8}|-v\d+(?::\d+)?|:\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSuffix();
}
