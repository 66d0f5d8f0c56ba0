using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Suites;

namespace EvalHarness.Running;

/// <summary>
/// How a dataset row asks to be run: <c>skip: "&lt;reason&gt;"</c> keeps the case from running (it is reported as skipped and left out
/// of the gate) and <c>explicit: true</c> runs it only when it is selected by name.
/// </summary>
/// <remarks>
/// <para>
/// <c>skip</c>: a non-empty string is the reason; <c>true</c> skips with the reason "skip: true in the dataset"; <c>false</c>, <c>null</c>,
/// an empty string or no field at all runs the case. <c>explicit</c>: <c>true</c> (or the text <c>true</c>, as a CSV cell holds it) makes the
/// case explicit; <c>false</c>, <c>null</c>, an empty string or no field does not.
/// </para>
/// <para>Any other value (a number, a list, the text <c>yes</c> for <c>explicit</c>) is an <see cref="Error"/>: the case gets an error verdict.</para>
/// </remarks>
/// <param name="SkipReason">Why the case is skipped, or null when it runs.</param>
/// <param name="Explicit">Whether the case runs only when selected by name.</param>
/// <param name="Error">A <c>skip</c> or <c>explicit</c> value of the wrong type, with file, line and field; null when both are valid.</param>
public sealed record CaseFlags(string? SkipReason, bool Explicit, ConfigError? Error)
{
    /// <summary>The dataset field that skips a case.</summary>
    public const string SkipField = "skip";

    /// <summary>The dataset field that makes a case explicit.</summary>
    public const string ExplicitField = "explicit";

    /// <summary>A case that runs normally.</summary>
    public static CaseFlags None { get; } = new(null, false, null);

    /// <summary>Whether the case takes part in the suite's gate: neither skipped nor explicit.</summary>
    public bool CountsTowardsGate => SkipReason is null && !Explicit;

    /// <summary>Reads the flags from the case's row (<see cref="EvalCase.Fields"/>).</summary>
    public static CaseFlags Read(EvalCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var skipNode = @case.Fields[SkipField];
        var explicitNode = @case.Fields[ExplicitField];
        if (skipNode is null && explicitNode is null)
        {
            return None;
        }

        string? skip = null;
        var isExplicit = false;
        ConfigError? error = null;
        switch (Kind(skipNode))
        {
            case JsonValueKind.String when skipNode!.GetValue<string>() is { Length: > 0 } reason:
                skip = reason;
                break;
            case JsonValueKind.True:
                skip = "skip: true in the dataset";
                break;
            case JsonValueKind.String or JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                error = Invalid(@case, SkipField, skipNode, "a string (the reason for skipping) or a boolean");
                break;
        }

        switch (Kind(explicitNode))
        {
            case JsonValueKind.True:
                isExplicit = true;
                break;
            case JsonValueKind.String when explicitNode!.GetValue<string>().Trim() is var text && (text.Length == 0 || IsWord(text, "false")):
                break;
            case JsonValueKind.String when IsWord(explicitNode!.GetValue<string>().Trim(), "true"):
                isExplicit = true;
                break;
            case JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                error ??= Invalid(@case, ExplicitField, explicitNode, "a boolean");
                break;
        }

        return new CaseFlags(skip, isExplicit, error);
    }

    private static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Undefined;

    private static bool IsWord(string text, string word) => string.Equals(text, word, StringComparison.OrdinalIgnoreCase);

    private static ConfigError Invalid(EvalCase @case, string field, JsonNode? value, string expected) =>
        new(ConfigErrorCode.InvalidValue, @case.Source, field,
            "must be " + expected + ", not " + (value?.ToJsonString() ?? "null") + " (case '" + @case.Id + "')");
}
