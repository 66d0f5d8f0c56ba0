using System.Diagnostics;
using EvalHarness.Baselines;
using EvalHarness.Logging;
using EvalHarness.Recording;
using EvalHarness.Suites;
using EvalHarness.Targets;
using EvalHarness.Templates;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

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
    /// <remarks>Baselines follow <c>EVALHARNESS_ACCEPT</c> and <c>CI</c> from the process environment.</remarks>
    public static Task<RunResult> ExecuteAsync(IEnumerable<string> suiteFiles, EvalRunOptions options,
        IReadOnlyDictionary<string, IEvalTarget>? targets = null, IRunObserver? observer = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(suiteFiles, options, BaselineSettings.FromEnvironment(), targets, observer, cancellationToken);

    /// <summary>Runs the suites, comparing each with its committed baseline as <paramref name="baselines"/> says.</summary>
    /// <param name="suiteFiles">Suite file paths.</param>
    /// <param name="options">Run options.</param>
    /// <param name="baselines">Whether to accept new baselines and whether this is CI (the shard comes from <paramref name="options"/>).</param>
    /// <param name="targets">C# targets by suite name (suites without <c>target:</c> need one; others may override theirs).</param>
    /// <param name="observer">Progress listener, or null.</param>
    /// <param name="cancellationToken">Stops the run; results so far are returned, marked incomplete.</param>
    public static async Task<RunResult> ExecuteAsync(IEnumerable<string> suiteFiles, EvalRunOptions options, BaselineSettings baselines,
        IReadOnlyDictionary<string, IEvalTarget>? targets = null, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(baselines);
        baselines = baselines with { Shard = options.Shard, Filtered = options.Filter is not null };
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var files = suiteFiles as IReadOnlyCollection<string> ?? [.. suiteFiles];
        var log = LogCategories.Create(options.LoggerFactory, LogCategories.Running);
        var baselineLog = LogCategories.Create(options.LoggerFactory, LogCategories.Baselines);
        RunLog.RunStarting(log, options.Mode.ToContractString(), files.Count, options.Shard?.ToString() ?? "none");

        // OpenTelemetry (Telemetry/): OTLP export only when OTEL_EXPORTER_OTLP_ENDPOINT is set; one activity for the run, one per suite file.
        using var export = EvalHarness.Telemetry.OtlpExport.FromEnvironment();
        using var runActivity = EvalHarness.Telemetry.EvalTelemetry.StartRun();
        var runner = new EvalRunner(options);
        var results = new List<SuiteResult>();
        foreach (var file in files)
        {
            IReadOnlyList<SuiteResult> produced;
            using var suiteActivity = EvalHarness.Telemetry.EvalTelemetry.StartSuite(file);
            try
            {
                var suite = Suite.Load(file, options.Metrics);

                // Keys a suite names are masked in logs and errors even when a custom factory reads them.
                SecretRedaction.RegisterVariables([suite.Definition.Provider?.ApiKeyEnv, suite.Definition.Judge?.ApiKeyEnv]);
                RunLog.SuiteStarting(log, suite.Name, Suite.DisplayPath(suite.FilePath), suite.Definition.Target.Kind.ToString(),
                    options.MaxConcurrency ?? suite.Definition.MaxConcurrency);
                observer?.SuiteStarting(suite);
                produced = suite.Definition.Variants.Count == 2 && targets?.ContainsKey(suite.Name) != true
                    ? await RunVariantsAsync(runner, suite, options, observer, cancellationToken).ConfigureAwait(false)
                    : [BaselineGate.Apply(suite, await runner.RunSuiteAsync(suite, ResolveTarget(suite, options, targets), observer, cancellationToken)
                        .ConfigureAwait(false), baselines)];
            }
            catch (EvalConfigurationException ex)
            {
                LogConfigurationErrors(log, ex.Errors);
                produced =
                [
                    new SuiteResult
                    {
                        Name = file,
                        File = Suite.DisplayPath(file),
                        ConfigurationErrors = ex.Errors,
                        Gate = new GateResult(Verdict.Error, [new GateCheck("configuration", Verdict.Error, ex.Errors.Count + " configuration error(s)")]),
                    },
                ];
            }

            foreach (var result in produced)
            {
                RunLog.Suite(log, result);
                BaselineLog.Check(baselineLog, result);
                observer?.SuiteCompleted(result);
                EvalHarness.Telemetry.EvalTelemetry.CompleteSuite(suiteActivity, result);
                results.Add(result);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        var run = new RunResult
        {
            RunId = RunResult.NewRunId(started),
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
            GitCommit = Provenance.GitCommit(Environment.CurrentDirectory),
            Mode = options.Mode,
            Shard = options.Shard,
            Suites = results,
        };
        EvalHarness.Telemetry.EvalTelemetry.CompleteRun(runActivity, run);
        if (log.IsEnabled(LogLevel.Information))
        {
            RunLog.RunFinished(log, run.RunId, clock.ElapsedMilliseconds, results.Count, results.Sum(r => r.Aggregates.Cases), results.Sum(r => r.Aggregates.Passed),
                results.Sum(r => r.Aggregates.Failed), results.Sum(r => r.Aggregates.Inconclusive), results.Sum(r => r.Aggregates.Errors), run.ExitCode);
        }

        return run;
    }

    private static void LogConfigurationErrors(ILogger log, IReadOnlyList<ConfigError> errors)
    {
        if (log.IsEnabled(LogLevel.Error))
        {
            foreach (var error in errors)
            {
                RunLog.ConfigurationError(log, error.Location.File, error.Location.Line, error.Field, error.Code, error.Message);
            }
        }
    }

    // A/B variants: every case runs under each variant (results named suite@variant); B's gate carries the per-metric winners.
    private static async Task<IReadOnlyList<SuiteResult>> RunVariantsAsync(EvalRunner runner, Suite suite, EvalRunOptions options, IRunObserver? observer,
        CancellationToken cancellationToken)
    {
        var variants = suite.Definition.Variants;
        var results = new List<SuiteResult>();
        foreach (var (name, target) in variants)
        {
            var result = await runner.RunSuiteAsync(suite, VariantTarget(suite, name, target, options, variants), observer, cancellationToken).ConfigureAwait(false);
            results.Add(result with { Name = suite.Name + "@" + name, Model = target.Model ?? result.Model });
        }

        if (results.All(r => r.Complete))
        {
            results[1] = VariantComparison.Apply(suite.Definition, results[0], variants[0].Key, results[1], variants[1].Key);
        }

        return results;
    }

    private static IEvalTarget VariantTarget(Suite suite, string name, TargetDefinition variant, EvalRunOptions options,
        IReadOnlyList<KeyValuePair<string, TargetDefinition>> variants)
    {
        var errors = new List<ConfigError>();
        var field = "gate.variants[" + (variants[0].Key == name ? 0 : 1) + "]";
        var prompt = VariantTemplate(suite, variant.Prompt, variant.PromptIsFile, field + ".prompt", variant, errors);
        var system = VariantTemplate(suite, variant.System, variant.System is { } s && SuiteParser.LooksLikePath(s), field + ".system", variant, errors);
        if (errors.Count > 0)
        {
            throw new EvalConfigurationException(errors);
        }

        // EVALHARNESS_MODEL overrides a prompt A/B test's shared model, but never the models a model A/B test compares.
        var sameModel = variants.Select(v => v.Value.Model).Distinct(StringComparer.Ordinal).Count() == 1;
        var model = (sameModel ? options.ModelOverride : null) ?? variant.Model ?? suite.Definition.Provider?.Model;
        var definition = suite.Definition;
        IChatClient inner;
        try
        {
            inner = options.ChatClientFactory?.Invoke(definition.Provider, model) ?? throw new EndpointNotConfiguredException("no model endpoint can be configured in this host");
        }
        catch (EndpointNotConfiguredException ex)
        {
            if (options.Mode is EvalMode.Live or EvalMode.Record)
            {
                throw new EvalConfigurationException([new ConfigError(ConfigErrorCode.InvalidValue, definition.Provider?.Location ?? variant.Location, "provider",
                    "EVALHARNESS_MODE=" + options.Mode.ToContractString() + " needs a model endpoint: " + ex.Message)]);
            }

            RunLog.EndpointNotConfigured(LogCategories.Create(options.LoggerFactory, LogCategories.Running), suite.Name, ex.Message, options.Mode.ToContractString());
            inner = new UnconfiguredChatClient(ex.Message);
        }

        var recordCommand = "EVALHARNESS_MODE=record evalharness run " + Suite.DisplayPath(suite.FilePath);
        // Retries and rate limits sit under the recorder: only the call that finally answered is recorded.
        var client = new RecordingChatClient(new EvalHarness.Resilience.ResilientChatClient(inner, options.Resilience, loggerFactory: options.LoggerFactory),
            new RecordingStore(suite.RecordingsDirectory), options.Mode, recordCommand, options.LoggerFactory);
        var chatOptions = new ChatOptions { ModelId = model, Temperature = (float?)variant.Temperature, MaxOutputTokens = variant.MaxTokens };
        return new PromptTarget(client, prompt, system, chatOptions);
    }

    private static PromptTemplate? VariantTemplate(Suite suite, string? value, bool isFile, string field, TargetDefinition variant, List<ConfigError> errors)
    {
        var display = Suite.DisplayPath(suite.FilePath);
        if (value is null)
        {
            return null;
        }

        if (!isFile)
        {
            return PromptTemplate.Parse(value, display, variant.Location.Line, field, errors);
        }

        var path = Path.GetFullPath(Path.Combine(suite.Directory, value));
        if (!File.Exists(path))
        {
            errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, variant.Location, field, "prompt file '" + value + "' not found (resolved relative to the suite file: " + path + ")"));
            return null;
        }

        return PromptTemplate.Parse(File.ReadAllText(path), Suite.DisplayPath(path), 1, field, errors);
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

            RunLog.EndpointNotConfigured(LogCategories.Create(options.LoggerFactory, LogCategories.Running), suite.Name, ex.Message, options.Mode.ToContractString());
            inner = new UnconfiguredChatClient(ex.Message);
        }

        var recordCommand = "EVALHARNESS_MODE=record evalharness run " + Suite.DisplayPath(suite.FilePath);
        // Retries and rate limits sit under the recorder: only the call that finally answered is recorded.
        var client = new RecordingChatClient(new EvalHarness.Resilience.ResilientChatClient(inner, options.Resilience, loggerFactory: options.LoggerFactory),
            new RecordingStore(suite.RecordingsDirectory), options.Mode, recordCommand, options.LoggerFactory);
        var chatOptions = new ChatOptions
        {
            ModelId = model,
            Temperature = (float?)definition.Target.Temperature,
            MaxOutputTokens = definition.Target.MaxTokens,
        };
        return new PromptTarget(client, suite.Prompt, suite.System, chatOptions);
    }
}
