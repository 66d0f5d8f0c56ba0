namespace EvalHarness.Judging;

/// <summary>A built-in judge metric: its name, version, prompt file, scale and what it needs from a case.</summary>
/// <param name="Name">The suite name, for example <c>relevance</c>.</param>
/// <param name="Version">Bumped whenever the metric's behaviour changes (prompt, parsing, scale); part of every recording key.</param>
/// <param name="PromptName">The built-in prompt's file name.</param>
/// <param name="Scale">The judge's scale and score fields.</param>
/// <param name="Inputs">What the metric needs besides input and output.</param>
internal sealed record JudgeMetricDefinition(string Name, int Version, string PromptName, JudgeScale Scale, JudgeInputs Inputs)
{
    public static IReadOnlyList<JudgeMetricDefinition> All { get; } =
    [
        new("relevance", 1, "relevance.md", JudgeScale.OneToFive, JudgeInputs.None),
        new("faithfulness", 1, "faithfulness.md", JudgeScale.OneToFive, JudgeInputs.Context),
        new("hallucination", 1, "hallucination.md", JudgeScale.OneToFive, JudgeInputs.ContextOrReference),
        new("correctness", 1, "correctness.md", JudgeScale.OneToFive, JudgeInputs.Reference),
        new("completeness", 1, "completeness.md", JudgeScale.OneToFive, JudgeInputs.Reference),
        new("coherence", 1, "coherence.md", JudgeScale.OneToFive, JudgeInputs.None),
        new("fluency", 1, "fluency.md", JudgeScale.OneToFive, JudgeInputs.None),
        new("rubric", 1, "rubric.md", JudgeScale.OneToFive, JudgeInputs.Criteria | JudgeInputs.OptionalReference),
        new("conversation", 1, "conversation.md", new JudgeScale(1, 5, ["coherence", "goal_completion"]), JudgeInputs.Conversation),
        new("pairwise", 1, "pairwise.md", new JudgeScale(0, 1, ["preference"]), JudgeInputs.Reference),
    ];

    /// <summary>The prompt G-Eval uses to derive a rubric's evaluation steps.</summary>
    public const string StepsPromptName = "rubric-steps.md";

    /// <summary>The prompt of the one repair attempt after an unusable answer.</summary>
    public const string RepairPromptName = "repair.md";

    /// <summary><c>name@version</c>, as recording keys and provenance carry it.</summary>
    public string Id => Name + "@" + Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static JudgeMetricDefinition? Find(string name) => All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
}
