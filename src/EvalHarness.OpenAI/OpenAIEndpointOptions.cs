using EvalHarness.Suites;

namespace EvalHarness.OpenAI;

/// <summary>Where and how <see cref="OpenAIChatClient.Create"/> connects: an OpenAI-compatible endpoint, its model and the variable holding its key.</summary>
/// <remarks>
/// The key itself is never part of the options: <see cref="ApiKeyEnv"/> names the environment variable that holds it,
/// so options can be logged, compared and written to provenance without leaking a secret.
/// </remarks>
public sealed record OpenAIEndpointOptions
{
    /// <summary>The key variable used when none is configured.</summary>
    public const string DefaultApiKeyEnv = "OPENAI_API_KEY";

    /// <summary>Overrides <see cref="BaseUrl"/> of the system under test's endpoint.</summary>
    public const string BaseUrlVariable = "EVALHARNESS_BASE_URL";

    /// <summary>Overrides <see cref="Model"/> of the system under test's endpoint.</summary>
    public const string ModelVariable = "EVALHARNESS_MODEL";

    /// <summary>Overrides <see cref="BaseUrl"/> of the judge's endpoint.</summary>
    public const string JudgeBaseUrlVariable = "EVALHARNESS_JUDGE_BASE_URL";

    /// <summary>Overrides <see cref="Model"/> of the judge's endpoint.</summary>
    public const string JudgeModelVariable = "EVALHARNESS_JUDGE_MODEL";

    /// <summary>Names the user-secrets store to read keys from when <see cref="UserSecretsId"/> is null (for hosts such as the command line, which have none of their own).</summary>
    public const string UserSecretsIdVariable = "EVALHARNESS_USER_SECRETS_ID";

    /// <summary>OpenAI's own endpoint, used when <see cref="BaseUrl"/> is null.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://api.openai.com/v1/");

    /// <summary>The OpenAI-compatible base URL (for example <c>http://localhost:11434/v1/</c>), or null for OpenAI itself.</summary>
    /// <remarks>A loopback host (<c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c>) may be used without a key, as Ollama, vLLM and llama.cpp need none.</remarks>
    public Uri? BaseUrl { get; init; }

    /// <summary>The model id sent with every request unless <c>ChatOptions.ModelId</c> overrides it; required after environment overrides.</summary>
    public string? Model { get; init; }

    /// <summary>The name of the environment variable holding the API key (default <c>OPENAI_API_KEY</c>).</summary>
    public string ApiKeyEnv { get; init; } = DefaultApiKeyEnv;

    /// <summary>
    /// The user-secrets store searched for the key when the variable named by <see cref="ApiKeyEnv"/> is unset: a project's
    /// <c>&lt;UserSecretsId&gt;</c>, as <c>dotnet user-secrets</c> uses it. Null: <c>EVALHARNESS_USER_SECRETS_ID</c>, else the running
    /// program's own (its <c>[UserSecretsId]</c>, which a test project with <c>&lt;UserSecretsId&gt;</c> has), if any.
    /// </summary>
    /// <remarks>The secret has the variable's name: <c>dotnet user-secrets set OPENAI_API_KEY sk-…</c>. The environment always wins.</remarks>
    public string? UserSecretsId { get; init; }

    /// <summary>How many times the OpenAI SDK itself retries a failed call (default 0).</summary>
    /// <remarks>
    /// Zero because the harness's resilience layer (Polly) owns retries: retrying in both places would multiply
    /// attempts and hide backoff time from the latency figures. Raise it only when using this client on its own; the SDK then
    /// retries 408, 429, 5xx and connection failures, waiting what <c>retry-after-ms</c>/<c>Retry-After</c> asks, else backing off exponentially.
    /// </remarks>
    public int MaxRetries { get; init; }

    /// <summary>How long one network operation may take before the call fails as transient, or null for the SDK's default (100 s).</summary>
    /// <remarks>For streams the SDK applies it to each read, so a slow but steady stream does not time out.</remarks>
    public TimeSpan? NetworkTimeout { get; init; }

    /// <summary>Options from a suite's <c>provider:</c> or <c>judge:</c> section (base URL, model, key variable).</summary>
    /// <param name="endpoint">The parsed section; its base URL was validated by the suite parser.</param>
    public static OpenAIEndpointOptions FromDefinition(EndpointDefinition endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new OpenAIEndpointOptions
        {
            BaseUrl = endpoint.BaseUrl is null ? null : new Uri(endpoint.BaseUrl, UriKind.Absolute),
            Model = endpoint.Model,
            ApiKeyEnv = endpoint.ApiKeyEnv ?? DefaultApiKeyEnv,
        };
    }
}
