using EvalHarness.Recording;
using EvalHarness.Resilience;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.Judging;

/// <summary>A suite's judge: the chat client judge metrics call and the settings they call it with.</summary>
/// <remarks>
/// One per suite run. It also caches what is derived once per run (a rubric's evaluation steps), so every case of the suite is judged by
/// the same steps. Build it with <see cref="ForSuite"/>, which stacks recording over resilience over the endpoint, or wrap any
/// <see cref="IChatClient"/> yourself (for example a fake in a unit test).
/// </remarks>
public sealed class JudgeConfiguration
{
    /// <summary>Creates a judge over <paramref name="client"/>.</summary>
    /// <param name="client">The client judge calls go through; record/replay and retries are its business.</param>
    /// <param name="options">The judge settings; defaults (temperature 0, seed 42, one sample) when null.</param>
    public JudgeConfiguration(IChatClient client, JudgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        Client = client;
        Options = options ?? new JudgeOptions();
        DefaultModel = client.GetService<ChatClientMetadata>()?.DefaultModelId;
    }

    /// <summary>The client judge calls go through.</summary>
    public IChatClient Client { get; }

    /// <summary>The suite's judge settings (metrics may override them).</summary>
    public JudgeOptions Options { get; }

    /// <summary>The client's default model, used when neither the suite nor the metric names one.</summary>
    public string? DefaultModel { get; }

    internal RubricSteps Steps { get; } = new();

    /// <summary>
    /// The judge of a suite: <paramref name="endpoint"/> wrapped in a <see cref="ResilientChatClient"/> (retries, shared endpoint limits),
    /// wrapped in a <see cref="RecordingChatClient"/> over the suite's <c>recordings/</c>, with the suite's <c>judge:</c> settings.
    /// </summary>
    /// <param name="suite">The loaded suite.</param>
    /// <param name="endpoint">The judge endpoint's client, for example <c>OpenAIChatClient.CreateJudge(...)</c>, or an
    /// <see cref="UnconfiguredChatClient"/> when none is configured (replays still work; unrecorded calls make the metric inconclusive).</param>
    /// <param name="mode">Replay, record, live or auto.</param>
    /// <param name="resilience">Retry settings and limits; <see cref="ResilienceOptions.Default"/> when null.</param>
    /// <param name="getEnvironmentVariable">The environment (for <c>EVALHARNESS_JUDGE_MODEL</c>); the process's when null.</param>
    /// <param name="loggerFactory">Where judge retries and recordings are logged; nowhere when null.</param>
    public static JudgeConfiguration ForSuite(Suite suite, IChatClient endpoint, EvalMode mode, ResilienceOptions? resilience = null,
        Func<string, string?>? getEnvironmentVariable = null, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(endpoint);
        resilience ??= ResilienceOptions.Default;
        var resilient = new ResilientChatClient(endpoint, resilience, loggerFactory: loggerFactory);
        var recordCommand = "EVALHARNESS_MODE=record evalharness run " + Suite.DisplayPath(suite.FilePath);
        var recorded = new RecordingChatClient(resilient, new RecordingStore(suite.RecordingsDirectory), mode, recordCommand, loggerFactory);
        var options = JudgeOptions.FromDefinition(suite.Definition.Judge, getEnvironmentVariable) with { TimeProvider = resilience.TimeProvider };
        return new JudgeConfiguration(recorded, options);
    }

    /// <summary>Binds this judge to every judge metric in <paramref name="metrics"/>; other metrics are returned as they are.</summary>
    /// <remarks>Use it on <see cref="Suite.Metrics"/>, which are created when the suite loads, before any judge exists.</remarks>
    public IReadOnlyList<IMetric> Bind(IEnumerable<IMetric> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics.Select(m => m is IJudgeMetric judged ? judged.WithJudge(this) : m).ToArray();
    }
}
