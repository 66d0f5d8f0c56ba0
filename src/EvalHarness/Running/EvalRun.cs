using EvalHarness.Recording;
using EvalHarness.Suites;
using EvalHarness.Targets;
using Microsoft.Extensions.AI;

namespace EvalHarness.Running;

/// <summary>
/// Runs several suites the same way the <c>evalharness run</c> command does: loads each (an invalid one becomes a result with its
/// errors, not an exception), picks its target, runs it, and returns a <see cref="RunResult"/> whose <see cref="RunResult.ExitCode"/>
/// follows the documented contract.
/// </summary>
/// <example>
/// <code>
/// var run = await EvalRun.ExecuteAsync(["eval-suites/support-faq/suite.yaml"], EvalRunOptions.FromEnvironment(),
///     new Dictionary&lt;string, IEvalTarget&gt; { ["support-faq"] = new DelegateTarget((c, ct) => bot.AnswerAsync(c.Input, ct)) });
/// var folder = ArtifactWriter.Write(run, "artifacts/evals");
/// return run.ExitCode;
/// </code>
/// </example>
public static class EvalRun
{
    /// <summary>Runs the suites.</summary>
    /// <param name="suiteFiles">Suite file paths.</param>
    /// <param name="options">Run options.</param>
    /// <param name="targets">C# targets by suite name (suites without <c>target:</c> need one; others may override theirs).</param>
    /// <param name="observer">Progress listener, or null.</param>
    /// <param name="cancellationToken">Stops the run; results so far are returned, marked incomplete.</param>
    public static async Task<RunResult> ExecuteAsync(IEnumerable<string> suiteFiles, EvalRunOptions options,
        IReadOnlyDictionary<string, IEvalTarget>? targets = null, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var runner = new EvalRunner(options);
        var results = new List<SuiteResult>();
        foreach (var file in suiteFiles)
        {
            SuiteResult result;
            try
            {
                var suite = Suite.Load(file, options.Metrics);
                observer?.SuiteStarting(suite);
                var target = ResolveTarget(suite, options, targets);
                result = await runner.RunSuiteAsync(suite, target, observer, cancellationToken).ConfigureAwait(false);
            }
            catch (EvalConfigurationException ex)
            {
                result = new SuiteResult
                {
                    Name = file,
                    File = Suite.DisplayPath(file),
                    ConfigurationErrors = ex.Errors,
                    Gate = new GateResult(Verdict.Error, [new GateCheck("configuration", Verdict.Error, ex.Errors.Count + " configuration error(s)")]),
                };
            }

            observer?.SuiteCompleted(result);
            results.Add(result);
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        return new RunResult
        {
            RunId = RunResult.NewRunId(started),
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
            GitCommit = Provenance.GitCommit(Environment.CurrentDirectory),
            Mode = options.Mode,
            Shard = options.Shard,
            Suites = results,
        };
    }

    /// <summary>Picks the target of a suite: a C# target passed by name, the dataset's outputs, or the prompt through a recording chat client.</summary>
    /// <exception cref="EvalConfigurationException">No target can be built (a C#-bound suite without one, or live/record mode without an endpoint).</exception>
    public static IEvalTarget ResolveTarget(Suite suite, EvalRunOptions options, IReadOnlyDictionary<string, IEvalTarget>? targets)
    {
        if (targets is not null && targets.TryGetValue(suite.Name, out var bound))
        {
            return bound;
        }

        var definition = suite.Definition;
        switch (definition.Target.Kind)
        {
            case TargetKind.Output:
                return new DatasetOutputTarget(definition.Target.OutputField!);
            case TargetKind.Code:
                throw new EvalConfigurationException([new ConfigError(ConfigErrorCode.InvalidValue, new SourceLocation(Suite.DisplayPath(suite.FilePath), 1, 1),
                    "target", "suite '" + suite.Name + "' has no 'target:' and no C# target is bound to it; add 'target: { prompt: …, model: … }' or " +
                    "'target: { output: <field> }', or bind a C# class with [EvalSuite] (or pass a target for '" + suite.Name + "' to EvalRun)")]);
        }

        var model = options.ModelOverride ?? definition.Target.Model ?? definition.Provider?.Model;
        IChatClient inner;
        try
        {
            inner = options.ChatClientFactory?.Invoke(definition.Provider, model)
                ?? throw new EndpointNotConfiguredException("no model endpoint can be configured in this host");
        }
        catch (EndpointNotConfiguredException ex)
        {
            if (options.Mode is EvalMode.Live or EvalMode.Record)
            {
                throw new EvalConfigurationException([new ConfigError(ConfigErrorCode.InvalidValue,
                    definition.Provider?.Location ?? definition.Target.Location, "provider",
                    "EVALHARNESS_MODE=" + options.Mode.ToContractString() + " needs a model endpoint: " + ex.Message)]);
            }

            inner = new UnconfiguredChatClient(ex.Message);
        }

        var recordCommand = "EVALHARNESS_MODE=record evalharness run " + Suite.DisplayPath(suite.FilePath);
        var client = new RecordingChatClient(inner, new RecordingStore(suite.RecordingsDirectory), options.Mode, recordCommand);
        var chatOptions = new ChatOptions
        {
            ModelId = model,
            Temperature = (float?)definition.Target.Temperature,
            MaxOutputTokens = definition.Target.MaxTokens,
        };
        return new PromptTarget(client, suite.Prompt, suite.System, chatOptions);
    }
}
