namespace EvalHarness.Baselines;

/// <summary>What produced a baseline's numbers: the thing measured (model, prompt) and the ruler that measured it (judge, rubric, dataset).</summary>
public sealed record BaselineProvenance
{
    /// <summary>The system under test's model, or null for a C# target or dataset outputs.</summary>
    public string? Model { get; init; }

    /// <summary>The <c>sha256:</c> hash of the suite file and its prompt templates.</summary>
    public string? PromptHash { get; init; }

    /// <summary>The judge model, or null when the suite has no judge.</summary>
    public string? JudgeModel { get; init; }

    /// <summary>The <c>sha256:</c> hash of the suite's metric definitions and judge settings: what "a pass" and "a score" mean.</summary>
    public string? RubricHash { get; init; }

    /// <summary>The <c>sha256:</c> hash of the dataset file.</summary>
    public string? DatasetHash { get; init; }

    /// <summary>The harness version that wrote the baseline.</summary>
    public string? HarnessVersion { get; init; }

    /// <summary>
    /// The ways <paramref name="current"/> measures with a different ruler than this baseline: a changed judge model, rubric or dataset,
    /// each as "what: old → new". Empty when the ruler is the same. A value unknown on either side is not a difference.
    /// </summary>
    public IReadOnlyList<string> RulerDifferences(BaselineProvenance current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var differences = new List<string>();
        Compare("judge model", JudgeModel, current.JudgeModel, differences);
        Compare("rubric", RubricHash, current.RubricHash, differences);
        Compare("dataset", DatasetHash, current.DatasetHash, differences);
        return differences;
    }

    private static void Compare(string what, string? before, string? after, List<string> differences)
    {
        // Unknown on one side (no judge, or a results.json that does not record it) is not evidence of a change; adding or removing a
        // judge changes the metrics, which the rubric hash catches.
        if (before is null || after is null || string.Equals(before, after, StringComparison.Ordinal))
        {
            return;
        }

        differences.Add(what + " " + Short(before) + " → " + Short(after));
    }

    private static string Short(string? value) =>
        value is null ? "(none)" : value.StartsWith("sha256:", StringComparison.Ordinal) && value.Length > 19 ? value[..19] + "…" : value;
}
