namespace EvalHarness.Judging;

/// <summary>What a judge metric needs from a case besides its input and output.</summary>
[Flags]
internal enum JudgeInputs
{
    None = 0,

    /// <summary>Context passages (the case's mapped <c>context</c>, or the metric's <c>context:</c> field).</summary>
    Context = 1,

    /// <summary>A reference answer (<c>value</c>, <c>field</c> or the case's <c>expected</c>).</summary>
    Reference = 2,

    /// <summary>At least one of context and reference; the other renders as <c>(none)</c>.</summary>
    ContextOrReference = 4,

    /// <summary>The metric's <c>criteria:</c> and evaluation steps (G-Eval).</summary>
    Criteria = 8,

    /// <summary>The case's conversation, with the output as the last assistant turn.</summary>
    Conversation = 16,

    /// <summary>A reference if one is given; <c>(none)</c> otherwise.</summary>
    OptionalReference = 32,
}
