namespace EvalHarness.Cli.Scaffolding;

/// <summary>What produces a scaffolded suite's outputs.</summary>
internal enum ScaffoldTarget
{
    /// <summary>Answers already in the dataset (<c>target: { output: output }</c>): runs at once, offline.</summary>
    Output,

    /// <summary>A prompt template run through a model (<c>target: { prompt: …, model: … }</c>): record once, then replay.</summary>
    Prompt,

    /// <summary>A C# method in a test project (<c>[EvalSuite]</c> binding): one xUnit test per case plus a Gate test.</summary>
    Code,
}
