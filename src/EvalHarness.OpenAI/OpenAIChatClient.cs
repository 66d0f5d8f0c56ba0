using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using Sdk = OpenAI.Chat;

namespace EvalHarness.OpenAI;

/// <summary>
/// An <see cref="IChatClient"/> over the official OpenAI SDK's chat-completions client, for OpenAI and any
/// OpenAI-compatible endpoint (Azure OpenAI's v1 endpoint, Ollama, vLLM, llama.cpp, LM Studio).
/// </summary>
/// <remarks>
/// <para>
/// Maps system, user, assistant and tool messages (text, images in user messages, function calls and results),
/// and <see cref="ChatOptions"/>: <c>ModelId</c> (overrides the endpoint's model for one call), <c>Instructions</c>
/// (sent as a first system message), <c>Temperature</c>, <c>TopP</c>, <c>MaxOutputTokens</c>, <c>Seed</c>,
/// <c>StopSequences</c>, <c>FrequencyPenalty</c>, <c>PresencePenalty</c>, <c>ResponseFormat</c> (text, JSON, JSON schema),
/// function <c>Tools</c>, <c>ToolMode</c> and <c>AllowMultipleToolCalls</c>. <c>TopK</c> and <c>AdditionalProperties</c>
/// are not part of the protocol and are not sent; a <c>RawRepresentationFactory</c> returning SDK
/// <c>ChatCompletionOptions</c> is used as the starting point. <c>MaxOutputTokens</c> goes out as the SDK's
/// <c>max_completion_tokens</c> (servers that only know <c>max_tokens</c> ignore it). Content the protocol cannot carry
/// (for example a non-image <see cref="DataContent"/>) is rejected with <see cref="NotSupportedException"/> before any request.
/// </para>
/// <para>
/// Responses carry the provider's id, model, creation time, finish reason and usage (input, output, total, cached input and
/// reasoning tokens). Streams ask for usage (<c>stream_options.include_usage</c>) and yield it as a <see cref="UsageContent"/>
/// in the update of the final usage chunk; streamed tool calls are assembled and yielded in one last update.
/// </para>
/// <para>
/// Every failure of the endpoint surfaces as <see cref="ModelCallException"/>; cancellation by the caller's token stays an
/// <see cref="OperationCanceledException"/>. The API key never appears in messages, <see cref="ToString"/> or metadata.
/// A response the SDK cannot parse (invalid JSON, or a <c>finish_reason</c> outside <c>stop</c>, <c>length</c>,
/// <c>content_filter</c>, <c>tool_calls</c>, <c>function_call</c>) is a non-transient <see cref="ModelCallException"/>.
/// </para>
/// </remarks>
public sealed class OpenAIChatClient : IChatClient
{
    /// <summary>The provider name reported in <see cref="ChatClientMetadata"/>.</summary>
    public const string ProviderName = "openai";

    /// <summary>The key sent to a loopback endpoint when its key variable is unset (local servers ignore it; the SDK requires one).</summary>
    internal const string PlaceholderKey = "no-key-required";

    private readonly OpenAIClient client;
    private readonly ConcurrentDictionary<string, Sdk.ChatClient> chatClients = new(StringComparer.Ordinal);
    private readonly ChatClientMetadata metadata;
    private readonly Uri endpoint;
    private readonly string defaultModel;
    private readonly string? secret;
    private readonly TimeSpan? networkTimeout;

    /// <summary>Wraps an OpenAI SDK client configured by the caller (custom pipeline, authentication or endpoint).</summary>
    /// <param name="client">The SDK client.</param>
    /// <param name="defaultModel">The model used unless <see cref="ChatOptions.ModelId"/> overrides it.</param>
    /// <param name="endpoint">The base URL <paramref name="client"/> was configured with, for metadata and error messages; null for OpenAI's.</param>
    /// <remarks>Retries are whatever <paramref name="client"/> was configured with; prefer <see cref="Create"/>, which turns them off by default.</remarks>
    public OpenAIChatClient(OpenAIClient client, string defaultModel, Uri? endpoint = null)
        : this(client, defaultModel, endpoint, secret: null, networkTimeout: null)
    {
    }

    private OpenAIChatClient(OpenAIClient client, string defaultModel, Uri? endpoint, string? secret, TimeSpan? networkTimeout)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultModel);
        this.client = client;
        this.defaultModel = defaultModel;
        this.secret = secret;
        this.networkTimeout = networkTimeout;
        this.endpoint = SecretRedactor.StripCredentials(endpoint ?? OpenAIEndpointOptions.DefaultBaseUrl);
        metadata = new ChatClientMetadata(ProviderName, this.endpoint, defaultModel);
    }

    /// <summary>Creates a client for the system under test's endpoint, applying <c>EVALHARNESS_BASE_URL</c> and <c>EVALHARNESS_MODEL</c>.</summary>
    /// <param name="options">The endpoint as configured (suite file, code).</param>
    /// <param name="getEnvironmentVariable">Reads environment variables; null for the process environment. Tests pass a dictionary lookup.</param>
    /// <exception cref="EndpointConfigurationException">
    /// No model after overrides; an override that is not an absolute http(s) URL; or no key in the variable named by
    /// <see cref="OpenAIEndpointOptions.ApiKeyEnv"/> for an endpoint that is not on a loopback address.
    /// </exception>
    /// <remarks>
    /// The key is read from the variable named by <see cref="OpenAIEndpointOptions.ApiKeyEnv"/>, else from the user-secrets store
    /// (<see cref="OpenAIEndpointOptions.UserSecretsId"/>) under the same name. A loopback endpoint
    /// (<c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c>) without a key gets a placeholder, because local servers need none.
    /// </remarks>
    public static OpenAIChatClient Create(OpenAIEndpointOptions options, Func<string, string?>? getEnvironmentVariable = null) =>
        CreateWithOverrides(options, getEnvironmentVariable, OpenAIEndpointOptions.BaseUrlVariable, OpenAIEndpointOptions.ModelVariable, "provider", null);

    /// <summary>Creates a client for the judge's endpoint, applying <c>EVALHARNESS_JUDGE_BASE_URL</c> and <c>EVALHARNESS_JUDGE_MODEL</c>.</summary>
    /// <param name="options">The judge endpoint as configured (the suite's <c>judge:</c> section).</param>
    /// <param name="getEnvironmentVariable">Reads environment variables; null for the process environment.</param>
    /// <exception cref="EndpointConfigurationException">As for <see cref="Create"/>.</exception>
    /// <remarks>The system under test's overrides (<c>EVALHARNESS_BASE_URL</c>, <c>EVALHARNESS_MODEL</c>) do not apply to the judge.</remarks>
    public static OpenAIChatClient CreateJudge(OpenAIEndpointOptions options, Func<string, string?>? getEnvironmentVariable = null) =>
        CreateWithOverrides(options, getEnvironmentVariable, OpenAIEndpointOptions.JudgeBaseUrlVariable, OpenAIEndpointOptions.JudgeModelVariable, "judge", null);

    /// <summary><see cref="Create"/> or <see cref="CreateJudge"/> with the user-secrets file location injected (tests never touch the real store).</summary>
    internal static OpenAIChatClient CreateForTest(OpenAIEndpointOptions options, Func<string, string?> getEnvironmentVariable, Func<string, string> secretsPath, bool judge) =>
        judge
            ? CreateWithOverrides(options, getEnvironmentVariable, OpenAIEndpointOptions.JudgeBaseUrlVariable, OpenAIEndpointOptions.JudgeModelVariable, "judge", secretsPath)
            : CreateWithOverrides(options, getEnvironmentVariable, OpenAIEndpointOptions.BaseUrlVariable, OpenAIEndpointOptions.ModelVariable, "provider", secretsPath);

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (chatClient, model, sdkMessages, sdkOptions) = Prepare(messages, options);
        Sdk.ChatCompletion completion;
        try
        {
            completion = (await chatClient.CompleteChatAsync(sdkMessages, sdkOptions, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (ModelCallErrors.ShouldTranslate(ex, cancellationToken))
        {
            throw await ModelCallErrors.TranslateAsync(ex, endpoint, model, secret, networkTimeout).ConfigureAwait(false);
        }

        return ChatResponseMapper.ToChatResponse(completion);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (chatClient, model, sdkMessages, sdkOptions) = Prepare(messages, options);
        var toolCalls = new StreamingToolCalls();
        Sdk.StreamingChatCompletionUpdate? last = null;

        var updates = chatClient.CompleteChatStreamingAsync(sdkMessages, sdkOptions, cancellationToken)
            .WithCancellation(cancellationToken)
            .ConfigureAwait(false)
            .GetAsyncEnumerator();
        try
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        break;
                    }

                    last = updates.Current;
                }
                catch (Exception ex) when (ModelCallErrors.ShouldTranslate(ex, cancellationToken))
                {
                    throw await ModelCallErrors.TranslateAsync(ex, endpoint, model, secret, networkTimeout).ConfigureAwait(false);
                }

                yield return ChatResponseMapper.ToUpdate(last, toolCalls);
            }
        }
        finally
        {
            await updates.DisposeAsync();
        }

        if (!toolCalls.IsEmpty)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [.. toolCalls.ToFunctionCalls()])
            {
                ResponseId = last?.CompletionId,
                MessageId = last?.CompletionId,
                ModelId = last?.Model,
                CreatedAt = last?.CreatedAt,
            };
        }
    }

    /// <inheritdoc/>
    /// <remarks>Returns <see cref="ChatClientMetadata"/> (provider <c>openai</c>, endpoint, default model), the SDK's <see cref="OpenAIClient"/>, or this client.</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return metadata;
        }

        if (serviceType == typeof(OpenAIClient))
        {
            return client;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Does nothing: the SDK's HTTP pipeline is shared and owns no per-client resources.</summary>
    public void Dispose()
    {
    }

    /// <summary>The endpoint and default model, for logs (never the key).</summary>
    public override string ToString() => $"{nameof(OpenAIChatClient)}({endpoint}, model {defaultModel})";

    private static OpenAIChatClient CreateWithOverrides(
        OpenAIEndpointOptions options, Func<string, string?>? getEnvironmentVariable, string baseUrlVariable, string modelVariable, string section,
        Func<string, string>? secretsPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKeyEnv, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options));
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;

        var baseUrl = options.BaseUrl ?? OpenAIEndpointOptions.DefaultBaseUrl;
        if (NonEmpty(env(baseUrlVariable)) is { } overrideUrl)
        {
            // The value is not echoed: a URL can carry credentials in its user info or query.
            baseUrl = Uri.TryCreate(overrideUrl, UriKind.Absolute, out var parsed) && IsHttp(parsed)
                ? parsed
                : throw new EndpointConfigurationException($"The environment variable {baseUrlVariable} is not an absolute http:// or https:// URL.")
                {
                    VariableName = baseUrlVariable,
                };
        }
        else if (!baseUrl.IsAbsoluteUri || !IsHttp(baseUrl))
        {
            throw new EndpointConfigurationException($"The {section} base_url is not an absolute http:// or https:// URL.");
        }

        var model = NonEmpty(env(modelVariable)) ?? NonEmpty(options.Model)
            ?? throw new EndpointConfigurationException(
                $"No model is configured for the {section} endpoint: set 'model' in the suite's {section} section or the environment variable {modelVariable}.")
            {
                VariableName = modelVariable,
            };

        var secretsId = options.UserSecretsId ?? NonEmpty(env(OpenAIEndpointOptions.UserSecretsIdVariable)) ?? UserSecretKeys.EntryAssemblyId();
        var key = NonEmpty(env(options.ApiKeyEnv)) ?? UserSecretKeys.Find(secretsId, options.ApiKeyEnv, secretsPath);
        if (key is null && !baseUrl.IsLoopback)
        {
            var secrets = secretsId is null ? string.Empty : $" and the user secrets ({secretsId}) have no {options.ApiKeyEnv}";
            throw new EndpointConfigurationException(
                $"No API key for the {section} endpoint {SecretRedactor.StripCredentials(baseUrl)}: the environment variable {options.ApiKeyEnv} "
                + $"(named by api_key_env) is not set{secrets}. Set it (or 'dotnet user-secrets set {options.ApiKeyEnv} <key>'), or point {baseUrlVariable} at a local server, which needs no key.")
            {
                VariableName = options.ApiKeyEnv,
            };
        }

        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = baseUrl,
            RetryPolicy = new RetryAfterRetryPolicy(options.MaxRetries),
            UserAgentApplicationId = "EvalHarness",
        };
        if (options.NetworkTimeout is { } timeout)
        {
            clientOptions.NetworkTimeout = timeout;
        }

        var sdkClient = new OpenAIClient(new ApiKeyCredential(key ?? PlaceholderKey), clientOptions);
        return new OpenAIChatClient(sdkClient, model, baseUrl, key, options.NetworkTimeout);
    }

    private (Sdk.ChatClient Client, string Model, List<Sdk.ChatMessage> Messages, Sdk.ChatCompletionOptions Options) Prepare(
        IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = NonEmpty(options?.ModelId) ?? defaultModel;
        var chatClient = chatClients.GetOrAdd(model, client.GetChatClient);
        return (chatClient, model, ChatRequestMapper.ToSdkMessages(messages, options), ChatRequestMapper.ToSdkOptions(options, this));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;
}
