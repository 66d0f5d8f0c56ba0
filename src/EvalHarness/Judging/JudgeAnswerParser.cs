using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Metrics;
using EvalHarness.Metrics.Json;
using EvalHarness.Metrics.Text;

namespace EvalHarness.Judging;

/// <summary>Reads a judge's JSON answer, whether it is bare, fenced in Markdown or wrapped in prose; says exactly what is wrong when it cannot.</summary>
internal static class JudgeAnswerParser
{
    private static readonly string[] ReasoningKeys = ["reasoning", "reason", "explanation", "rationale"];

    /// <summary>Scores on <paramref name="scale"/>: every score field present, numeric and in range.</summary>
    public static Parsed<ScoredAnswer> Scores(string text, JudgeScale scale)
    {
        if (FindObject(text, scale.Fields) is not { } obj)
        {
            return Parsed<ScoredAnswer>.Unusable(NoJson(text, scale.Fields));
        }

        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var field in scale.Fields)
        {
            if (!obj.TryGetPropertyValue(field, out var node) || node is null)
            {
                return Parsed<ScoredAnswer>.Unusable("the JSON has no '" + field + "' (found: " + Keys(obj) + ")");
            }

            if (Number(node) is not { } value)
            {
                return Parsed<ScoredAnswer>.Unusable("'" + field + "' is " + node.ToJsonString() + ", not a number");
            }

            if (!scale.Contains(value))
            {
                return Parsed<ScoredAnswer>.OutOfRange("'" + field + "' is " + MetricParameters.Format(value) + ", outside the scale " + scale.Describe());
            }

            scores[field] = value;
        }

        return Parsed<ScoredAnswer>.Ok(new ScoredAnswer(scores, Reasoning(obj)));
    }

    /// <summary>A pairwise verdict: <c>A</c>, <c>B</c> or <c>tie</c> (also <c>"Response A"</c>, any case).</summary>
    public static Parsed<PairwiseAnswer> Winner(string text)
    {
        if (FindObject(text, ["winner"]) is not { } obj)
        {
            return Parsed<PairwiseAnswer>.Unusable(NoJson(text, ["winner"]));
        }

        if (!obj.TryGetPropertyValue("winner", out var node) || node is null)
        {
            return Parsed<PairwiseAnswer>.Unusable("the JSON has no 'winner' (found: " + Keys(obj) + ")");
        }

        var raw = node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node.ToJsonString();
        var normalised = raw.Trim().Trim('"', '\'', '.').ToUpperInvariant();
        normalised = normalised.StartsWith("RESPONSE ", StringComparison.Ordinal) ? normalised[9..].Trim() : normalised;
        var winner = normalised switch
        {
            "A" => "A",
            "B" => "B",
            "TIE" or "DRAW" or "EQUAL" => "tie",
            _ => null,
        };
        return winner is null
            ? Parsed<PairwiseAnswer>.OutOfRange("'winner' is " + node.ToJsonString() + "; expected A, B or tie")
            : Parsed<PairwiseAnswer>.Ok(new PairwiseAnswer(winner, Reasoning(obj)));
    }

    /// <summary>Evaluation steps: a non-empty list of non-empty strings under <c>steps</c>.</summary>
    public static Parsed<IReadOnlyList<string>> Steps(string text)
    {
        if (FindObject(text, ["steps"]) is not { } obj)
        {
            return Parsed<IReadOnlyList<string>>.Unusable(NoJson(text, ["steps"]));
        }

        if (obj["steps"] is not JsonArray array || array.Count == 0)
        {
            return Parsed<IReadOnlyList<string>>.Unusable("'steps' is missing or not a non-empty list (found: " + Keys(obj) + ")");
        }

        var steps = array.Select(s => s is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Trim() : null).ToArray();
        return steps.Any(string.IsNullOrEmpty)
            ? Parsed<IReadOnlyList<string>>.Unusable("every item of 'steps' must be a non-empty string")
            : Parsed<IReadOnlyList<string>>.Ok(steps!);
    }

    /// <summary>The answer's JSON object: the whole text (fences removed), else the first object in the prose that has one of <paramref name="fields"/>.</summary>
    internal static JsonObject? FindObject(string text, IReadOnlyList<string> fields)
    {
        var stripped = StripFences(text.Trim());
        try
        {
            if (JsonNode.Parse(stripped) is JsonObject whole)
            {
                return whole;
            }
        }
        catch (JsonException)
        {
            // Prose around the JSON, or not JSON at all: look inside.
        }

        var objects = JsonInProse.Extract(text).OfType<JsonObject>().ToList();
        return objects.FirstOrDefault(o => fields.Any(o.ContainsKey)) ?? objects.FirstOrDefault();
    }

    private static string NoJson(string text, IReadOnlyList<string> fields)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "the answer is empty";
        }

        return RefusalPhrases.IsRefusal(text, out var phrase)
            ? "the judge refused to answer (\"" + phrase + "\") instead of giving a JSON object with " + string.Join(", ", fields.Select(f => "'" + f + "'"))
            : "the answer contains no JSON object with " + string.Join(", ", fields.Select(f => "'" + f + "'"));
    }

    private static string StripFences(string text)
    {
        if (!text.StartsWith("```", StringComparison.Ordinal))
        {
            return text;
        }

        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        var body = firstLineEnd < 0 ? string.Empty : text[(firstLineEnd + 1)..];
        var closing = body.LastIndexOf("```", StringComparison.Ordinal);
        return (closing < 0 ? body : body[..closing]).Trim();
    }

    private static double? Number(JsonNode node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        var text = value.GetValueKind() switch
        {
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.String => value.GetValue<string>().Trim(),
            _ => null,
        };
        return text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;
    }

    private static string? Reasoning(JsonObject obj)
    {
        foreach (var key in ReasoningKeys)
        {
            if (obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                return value.GetValue<string>();
            }
        }

        return null;
    }

    private static string Keys(JsonObject obj) => obj.Count == 0 ? "no keys" : string.Join(", ", obj.Select(p => "'" + p.Key + "'"));
}
