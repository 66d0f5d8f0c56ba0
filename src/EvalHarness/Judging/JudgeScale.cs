using System.Globalization;

namespace EvalHarness.Judging;

/// <summary>The range a judge scores on (for example 1..5) and the JSON fields that carry the scores.</summary>
internal sealed record JudgeScale(double Min, double Max, IReadOnlyList<string> Fields)
{
    public static JudgeScale OneToFive { get; } = new(1, 5, ["score"]);

    /// <summary>How results describe the raw value, for example <c>1..5</c>.</summary>
    public string Describe() => Format(Min) + ".." + Format(Max);

    /// <summary>Maps a raw score onto 0..1.</summary>
    public double Normalise(double raw) => (raw - Min) / (Max - Min);

    public bool Contains(double raw) => raw >= Min && raw <= Max;

    /// <summary>The JSON object the judge is asked for, as the repair prompt shows it.</summary>
    public string Format() =>
        "{\"reasoning\": \"<one or two sentences>\", " + string.Join(", ", Fields.Select(f => "\"" + f + "\": <integer from " + Format(Min) + " to " + Format(Max) + ">")) + "}";

    /// <summary>A JSON Schema of that object, for structured output.</summary>
    public string Schema()
    {
        var properties = string.Join(", ", Fields.Select(f => "\"" + f + "\": {\"type\": \"integer\", \"minimum\": " + Format(Min) + ", \"maximum\": " + Format(Max) + "}"));
        var required = string.Join(", ", Fields.Prepend("reasoning").Select(f => "\"" + f + "\""));
        return "{\"type\": \"object\", \"properties\": {\"reasoning\": {\"type\": \"string\"}, " + properties + "}, \"required\": [" + required + "], \"additionalProperties\": false}";
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
