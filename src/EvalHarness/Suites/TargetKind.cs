namespace EvalHarness.Suites;

/// <summary>What produces each case's output.</summary>
public enum TargetKind
{
    /// <summary>No <c>target:</c>: a C# method bound to the suite produces the output.</summary>
    Code,

    /// <summary>A prompt template rendered per case and sent to a model through an <c>IChatClient</c>.</summary>
    Prompt,

    /// <summary>The output already exists in a dataset field; no model is called.</summary>
    Output,
}
