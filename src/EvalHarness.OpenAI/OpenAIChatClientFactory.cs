using EvalHarness.Logging;
using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.OpenAI;

/// <summary>Plugs <see cref="OpenAIChatClient"/> into a run as <see cref="EvalRunOptions.ChatClientFactory"/>.</summary>
/// <example>
/// <code>
/// var options = EvalRunOptions.FromEnvironment() with { ChatClientFactory = OpenAIChatClientFactory.ForSuites() };
/// </code>
/// </example>
public static class OpenAIChatClientFactory
{
    /// <summary>
    /// Creates a factory that builds a client from a suite's <c>provider:</c> section and the target's model, with the
    /// <c>EVALHARNESS_BASE_URL</c>/<c>EVALHARNESS_MODEL</c> overrides and the key read from the variable named by <c>api_key_env</c>.
    /// </summary>
    /// <param name="getEnvironmentVariable">The environment lookup; the process environment when null.</param>
    /// <remarks>A missing key or model surfaces as <see cref="EndpointNotConfiguredException"/>: auto mode then replays what is recorded and skips the rest.</remarks>
    public static Func<EndpointDefinition?, string?, IChatClient> ForSuites(Func<string, string?>? getEnvironmentVariable = null) => (provider, model) =>
    {
        var options = provider is null ? new OpenAIEndpointOptions() : OpenAIEndpointOptions.FromDefinition(provider);
        options = options with { Model = model ?? options.Model };
        RegisterKey(options, getEnvironmentVariable);
        try
        {
            return OpenAIChatClient.Create(options, getEnvironmentVariable);
        }
        catch (EndpointConfigurationException ex)
        {
            throw new EndpointNotConfiguredException(ex.Message);
        }
    };

    /// <summary>
    /// Creates a factory for judge endpoints: a client from a suite's <c>judge:</c> section with the <c>EVALHARNESS_JUDGE_BASE_URL</c>/
    /// <c>EVALHARNESS_JUDGE_MODEL</c> overrides (never the system under test's), for <c>JudgeConfiguration.ForSuite</c>.
    /// </summary>
    /// <param name="getEnvironmentVariable">The environment lookup; the process environment when null.</param>
    /// <remarks>A missing key or model surfaces as <see cref="EndpointNotConfiguredException"/>: wrap the reason in an
    /// <see cref="UnconfiguredChatClient"/> so auto mode replays what is recorded and reports the rest as not judged.</remarks>
    public static Func<EndpointDefinition, IChatClient> ForJudges(Func<string, string?>? getEnvironmentVariable = null) => judge =>
    {
        ArgumentNullException.ThrowIfNull(judge);
        var options = OpenAIEndpointOptions.FromDefinition(judge);
        RegisterKey(options, getEnvironmentVariable);
        try
        {
            return OpenAIChatClient.CreateJudge(options, getEnvironmentVariable);
        }
        catch (EndpointConfigurationException ex)
        {
            throw new EndpointNotConfiguredException(ex.Message);
        }
    };

    // The key the client will send, from the environment or user secrets, is masked in every log and error from now on.
    private static void RegisterKey(OpenAIEndpointOptions options, Func<string, string?>? getEnvironmentVariable)
    {
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(env(options.ApiKeyEnv)))
        {
            SecretRedaction.RegisterSecret(env(options.ApiKeyEnv));
            return;
        }

        try
        {
            var secretsId = options.UserSecretsId ?? NonEmpty(env(OpenAIEndpointOptions.UserSecretsIdVariable)) ?? UserSecretKeys.EntryAssemblyId();
            SecretRedaction.RegisterSecret(UserSecretKeys.Find(secretsId, options.ApiKeyEnv));
        }
        catch (EndpointConfigurationException)
        {
            // An unreadable secrets file is reported by the client's own lookup, with its path.
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
