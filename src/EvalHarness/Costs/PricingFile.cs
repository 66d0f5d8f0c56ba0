using System.Globalization;
using System.Text;
using System.Text.Json;
using EvalHarness.Suites;

namespace EvalHarness.Costs;

/// <summary>Reads the <c>pricing.json</c> format; every problem becomes a <see cref="ConfigError"/> naming file, line and field.</summary>
internal static class PricingFile
{
    private static readonly string[] RootKeys = ["formatVersion", "currency", "unit", "updated", "note", "models"];
    private static readonly string[] ModelKeys = ["input", "output", "cachedInput", "provider", "aliases", "note"];

    public static PricingTable Parse(string json, string displayPath, string source)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var errors = new List<ConfigError>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new EvalConfigurationException([JsonPositions.SyntaxError(ex, displayPath, "the pricing file")]);
        }

        using (document)
        {
            void Error(IReadOnlyList<object> path, string message) =>
                errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, JsonPositions.Find(utf8, displayPath, path), JsonPositions.Display(path), message));

            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error([], "a pricing file is a JSON object with a \"models\" object");
                throw new EvalConfigurationException(errors);
            }

            CheckKeys(root, [], RootKeys, Error);
            if (root.TryGetProperty("formatVersion", out var version) && !(version.TryGetInt32(out var v) && v == 1))
            {
                Error(["formatVersion"], "this version reads formatVersion 1");
            }

            if (root.TryGetProperty("currency", out var currency) && currency.GetString() is not "USD")
            {
                Error(["currency"], "prices must be in USD");
            }

            string? updated = null;
            if (root.TryGetProperty("updated", out var date))
            {
                updated = date.ValueKind == JsonValueKind.String ? date.GetString() : null;
                if (!DateOnly.TryParseExact(updated, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    Error(["updated"], "must be a date written yyyy-MM-dd");
                }
            }

            var models = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
            if (!root.TryGetProperty("models", out var entries) || entries.ValueKind != JsonValueKind.Object)
            {
                Error(root.TryGetProperty("models", out _) ? ["models"] : [], "\"models\" must be an object of model name → { input, output, cachedInput }");
            }
            else
            {
                foreach (var entry in entries.EnumerateObject())
                {
                    if (ReadModel(entry, source, Error) is { } price)
                    {
                        if (models.ContainsKey(price.Model))
                        {
                            Error(["models", entry.Name], "model '" + entry.Name + "' is priced twice");
                        }

                        models[price.Model] = price;
                    }
                }
            }

            if (errors.Count > 0)
            {
                throw new EvalConfigurationException(errors);
            }

            return PricingTable.Create(models, updated, source);
        }
    }

    private static ModelPrice? ReadModel(JsonProperty entry, string source, Action<IReadOnlyList<object>, string> error)
    {
        object[] at = ["models", entry.Name];
        var value = entry.Value;
        if (value.ValueKind != JsonValueKind.Object)
        {
            error(at, "a model's price is an object { \"input\": …, \"output\": …, \"cachedInput\": … } in USD per million tokens");
            return null;
        }

        if (string.IsNullOrWhiteSpace(entry.Name))
        {
            error(at, "a model name must not be empty");
        }

        var before = CheckKeys(value, at, ModelKeys, error);
        var input = Price(value, at, "input", required: true, error);
        var output = Price(value, at, "output", required: true, error);
        var cached = Price(value, at, "cachedInput", required: false, error);
        var aliases = new List<string>();
        if (value.TryGetProperty("aliases", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String))
            {
                error([.. at, "aliases"], "must be a list of model ids");
            }
            else
            {
                aliases.AddRange(list.EnumerateArray().Select(a => a.GetString()!.Trim().ToLowerInvariant()));
            }
        }

        string? provider = null;
        if (value.TryGetProperty("provider", out var p))
        {
            provider = p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            if (provider is null)
            {
                error([.. at, "provider"], "must be a string");
            }
        }

        return before && input is not null && output is not null
            ? new ModelPrice
            {
                Model = entry.Name.Trim().ToLowerInvariant(),
                InputPerMillion = input.Value,
                OutputPerMillion = output.Value,
                CachedInputPerMillion = cached,
                Provider = provider,
                Aliases = aliases,
                Source = source,
            }
            : null;
    }

    private static decimal? Price(JsonElement model, object[] at, string key, bool required, Action<IReadOnlyList<object>, string> error)
    {
        if (!model.TryGetProperty(key, out var value))
        {
            if (required)
            {
                error(at, "\"" + key + "\" is required (USD per million tokens)");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var price) || price < 0)
        {
            error([.. at, key], "must be a number of US dollars per million tokens, 0 or more");
            return null;
        }

        return price;
    }

    private static bool CheckKeys(JsonElement obj, object[] at, string[] known, Action<IReadOnlyList<object>, string> error)
    {
        var ok = true;
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                var hint = known.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
                error([.. at, property.Name], "unknown key" + (hint is null ? "; known keys: " + string.Join(", ", known) : "; did you mean '" + hint + "'?"));
                ok = false;
            }
        }

        return ok;
    }
}
