namespace EvalHarness.Suites;

/// <summary>A model endpoint from a <c>provider:</c> or <c>judge:</c> section.</summary>
/// <remarks>Keys never appear in files: <see cref="ApiKeyEnv"/> names the environment variable that holds one.</remarks>
public sealed class EndpointDefinition
{
    /// <summary>Creates an endpoint.</summary>
    public EndpointDefinition(string? baseUrl, string? model, string? apiKeyEnv, IReadOnlyList<KeyValuePair<string, ConfigNode>> settings, SourceLocation location)
    {
        BaseUrl = baseUrl;
        Model = model;
        ApiKeyEnv = apiKeyEnv;
        Settings = settings;
        Location = location;
    }

    /// <summary>The OpenAI-compatible base URL, or null for the default (OpenAI).</summary>
    public string? BaseUrl { get; }

    /// <summary>The model id, or null.</summary>
    public string? Model { get; }

    /// <summary>The name of the environment variable holding the API key, or null for <c>OPENAI_API_KEY</c>.</summary>
    public string? ApiKeyEnv { get; }

    /// <summary>Other validated settings of the section (for example <c>temperature</c>, <c>samples</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, ConfigNode>> Settings { get; }

    /// <summary>Where the section was written.</summary>
    public SourceLocation Location { get; }
}
