namespace EvalHarness.Suites;

/// <summary>The suite's <c>target:</c> section.</summary>
public sealed class TargetDefinition
{
    /// <summary>Creates a target.</summary>
    public TargetDefinition(TargetKind kind, string? prompt, bool promptIsFile, string? system, string? model,
        string? outputField, double? temperature, int? maxTokens, SourceLocation location)
    {
        Kind = kind;
        Prompt = prompt;
        PromptIsFile = promptIsFile;
        System = system;
        Model = model;
        OutputField = outputField;
        Temperature = temperature;
        MaxTokens = maxTokens;
        Location = location;
    }

    /// <summary>What produces the output.</summary>
    public TargetKind Kind { get; }

    /// <summary>The prompt template text, or a path relative to the suite file when <see cref="PromptIsFile"/>.</summary>
    public string? Prompt { get; }

    /// <summary>True when <see cref="Prompt"/> names a file.</summary>
    public bool PromptIsFile { get; }

    /// <summary>An optional system message template.</summary>
    public string? System { get; }

    /// <summary>The model id, or null to use the provider's.</summary>
    public string? Model { get; }

    /// <summary>The dataset field holding existing outputs, for <see cref="TargetKind.Output"/>.</summary>
    public string? OutputField { get; }

    /// <summary>Sampling temperature sent to the model; null leaves the provider's default.</summary>
    public double? Temperature { get; }

    /// <summary>Maximum output tokens; null leaves the provider's default.</summary>
    public int? MaxTokens { get; }

    /// <summary>Where the section was written.</summary>
    public SourceLocation Location { get; }
}
