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
        try
        {
            return OpenAIChatClient.CreateJudge(OpenAIEndpointOptions.FromDefinition(judge), getEnvironmentVariable);
        }
        catch (EndpointConfigurationException ex)
        {
            throw new EndpointNotConfiguredException(ex.Message);
        }
    };
}
