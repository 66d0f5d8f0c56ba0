using EvalHarness.Cli.Output;
using EvalHarness.Costs;
using EvalHarness.OpenAI;
using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Suites;
using EvalHarness.Targets;
using Microsoft.Extensions.AI;

namespace EvalHarness.Cli.Doctor;

/// <summary>
/// Checks what a run of one suite needs, without running anything live: the suite file and its dataset are valid; in replay mode every case
/// finds its recording (each case is replayed through the same recording client a run uses, against an endpoint that refuses every call); the
/// endpoint the suite would call is configured, has its key (never printed) and answers; and every model it names has a price.
/// </summary>
internal sealed class SuiteDoctor(EvalMode mode, Func<string, string?> env, TimeSpan timeout)
{
    private const int IdsShown = 5;

    public async Task<(string Title, IReadOnlyList<Finding> Findings)> CheckAsync(string file, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        Suite suite;
        try
        {
            suite = Suite.Load(file);
        }
        catch (EvalConfigurationException ex)
        {
            findings.AddRange(ex.Errors.Select(e => new Finding(FindingLevel.Error, "suite file", e.ToString(),
                "fix the file at the line and column shown (README: 'Suite file reference'; metrics: docs/metrics.md)")));
            return (ShownPath.Of(file), findings);
        }

        var title = suite.Name + " — " + ShownPath.Of(file);
        var definition = suite.Definition;
        try
        {
            PricingTable.Resolve(suite.FilePath, env);
        }
        catch (EvalConfigurationException ex)
        {
            // A run stops at the same place: the suite cannot be costed, so nothing else is checked until the pricing file is fixed.
            findings.AddRange(ex.Errors.Select(e => new Finding(FindingLevel.Error, "pricing file", e.ToString(), "fix the pricing file at the line shown")));
            return (title, findings);
        }

        var replay = await ReplayAsync(suite, cancellationToken).ConfigureAwait(false);

        var rowErrors = replay.ConfigurationErrors;
        findings.Add(rowErrors.Count == 0
            ? new Finding(FindingLevel.Ok, "suite and dataset", "valid (" + Cases(replay.Cases.Count) + " in " + suite.DatasetDisplayPath + ")")
            : new Finding(FindingLevel.Error, "dataset", rowErrors.Count + " invalid row(s): " + string.Join("; ", rowErrors.Take(3).Select(e => e.ToString())) +
                (rowErrors.Count > 3 ? "; …" : string.Empty), "fix the rows at the lines shown; every row must map to a case (README: 'Datasets')"));

        var missing = replay.Cases.Where(c => c.ErrorKind == CaseErrorKind.Recording).ToList();
        var calls = definition.Target.Kind == TargetKind.Prompt || definition.Judge is not null;
        var endpointNeeded = mode is EvalMode.Live or EvalMode.Record || (mode == EvalMode.Auto && missing.Count > 0);
        findings.Add(RecordingFinding(suite, missing, replay.Cases.Count));

        if (definition.Target.Kind == TargetKind.Prompt)
        {
            findings.AddRange(await EndpointFindingsAsync("endpoint", () => OpenAIChatClientFactory.ForSuites(env)(definition.Provider,
                env(OpenAIEndpointOptions.ModelVariable) ?? definition.Target.Model ?? definition.Provider?.Model), endpointNeeded, cancellationToken).ConfigureAwait(false));
        }

        if (definition.Judge is { } judge)
        {
            findings.AddRange(await EndpointFindingsAsync("judge endpoint", () => OpenAIChatClient.CreateJudge(OpenAIEndpointOptions.FromDefinition(judge), env),
                endpointNeeded, cancellationToken).ConfigureAwait(false));
        }

        if (!calls)
        {
            findings.Add(new Finding(FindingLevel.Ok, "endpoint", definition.Target.Kind == TargetKind.Code
                ? "none configured here: the suite's target is C# code, which calls what it calls"
                : "none needed: outputs come from the dataset and no metric calls a model"));
        }

        findings.AddRange(PriceFindings(suite));
        return (title, findings);
    }

    private async Task<SuiteResult> ReplayAsync(Suite suite, CancellationToken cancellationToken)
    {
        // Replay mode against an endpoint that refuses every call: each case either replays its recording or reports it missing; nothing goes out.
        var options = new EvalRunOptions
        {
            Mode = EvalMode.Replay,
            ModelOverride = env(OpenAIEndpointOptions.ModelVariable),
            ChatClientFactory = (_, _) => throw new EndpointNotConfiguredException("doctor makes no model calls"),
        };
        var target = suite.Definition.Target.Kind == TargetKind.Code
            ? new DelegateTarget((_, _) => throw new InvalidOperationException("doctor does not run C# targets"))
            : EvalRun.ResolveTarget(suite, options, targets: null);
        return await new EvalRunner(options).RunSuiteAsync(suite, target, observer: null, cancellationToken).ConfigureAwait(false);
    }

    private Finding RecordingFinding(Suite suite, List<CaseResult> missing, int total)
    {
        var recordings = ShownPath.Of(suite.RecordingsDirectory) + "/";
        if (suite.Definition.Target.Kind == TargetKind.Code)
        {
            return new Finding(FindingLevel.Ok, "recordings", "not checked: a C# target's own model calls are recorded by the code that makes them");
        }

        if (suite.Definition.Target.Kind == TargetKind.Output && suite.Definition.Judge is null)
        {
            return new Finding(FindingLevel.Ok, "recordings", "none needed: no model is called");
        }

        if (mode is EvalMode.Live or EvalMode.Record)
        {
            return new Finding(FindingLevel.Ok, "recordings", "not used in " + mode.ToContractString() + " mode");
        }

        if (missing.Count == 0)
        {
            return new Finding(FindingLevel.Ok, "recordings", "every case replays (" + Cases(total) + ", " + recordings + ")");
        }

        var ids = string.Join(", ", missing.Take(IdsShown).Select(c => c.Id)) + (missing.Count > IdsShown ? ", …" : string.Empty);
        var corrupt = missing.Count(c => c.Error?.Contains("content-hash", StringComparison.Ordinal) == true || c.Error?.Contains("not valid JSON", StringComparison.Ordinal) == true);
        var message = missing.Count + " of " + Cases(total) + " cannot replay (" + ids + ")" +
            (corrupt > 0 ? "; " + corrupt + " of them have a recording that fails its integrity check" : string.Empty) +
            (mode == EvalMode.Auto ? "; in auto mode they call the endpoint, or are skipped without one" : "; in replay mode they are errors");
        return new Finding(mode == EvalMode.Replay ? FindingLevel.Error : FindingLevel.Warning, "recordings", message,
            "record them once with 'EVALHARNESS_MODE=record evalharness run " + ShownPath.Of(suite.FilePath) + "' (needs the endpoint and its key), then commit " + recordings);
    }

    private async Task<IReadOnlyList<Finding>> EndpointFindingsAsync(string check, Func<IChatClient> create, bool needed, CancellationToken cancellationToken)
    {
        ChatClientMetadata? metadata;
        try
        {
            using var client = create();
            metadata = client.GetService<ChatClientMetadata>();
        }
        catch (Exception ex) when (ex is EndpointNotConfiguredException or EndpointConfigurationException)
        {
            return [new Finding(needed ? FindingLevel.Error : FindingLevel.Warning, check, "not configured: " + ex.Message +
                (needed ? string.Empty : " (not needed while every call replays)"),
                "configure the endpoint as the message says; in GitHub Actions pass the key from a secret: env: { OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }} }")];
        }

        var url = metadata?.ProviderUri ?? OpenAIEndpointOptions.DefaultBaseUrl;
        var findings = new List<Finding>
        {
            new(FindingLevel.Ok, check + " key", url.IsLoopback ? "not needed for a loopback endpoint" : "present (the value is never shown)"),
        };
        var reason = await EndpointProbe.UnreachableReasonAsync(url, timeout, cancellationToken).ConfigureAwait(false);
        findings.Add(reason is null
            ? new Finding(FindingLevel.Ok, check, url.GetLeftPart(UriPartial.Path) + " answers (model " + (metadata?.DefaultModelId ?? "?") + ")")
            : new Finding(needed ? FindingLevel.Error : FindingLevel.Warning, check, url.GetLeftPart(UriPartial.Path) + " is unreachable: " + reason +
                (needed ? string.Empty : " (not needed while every call replays)"),
                "start the server or correct base_url / " + OpenAIEndpointOptions.BaseUrlVariable + "; check network access and proxies from this machine"));
        return findings;
    }

    private List<Finding> PriceFindings(Suite suite)
    {
        var definition = suite.Definition;
        var models = new List<string>();
        if (definition.Target.Kind == TargetKind.Prompt && (env(OpenAIEndpointOptions.ModelVariable) ?? definition.Target.Model ?? definition.Provider?.Model) is { } model)
        {
            models.Add(model);
        }

        models.AddRange(definition.Variants.Select(v => v.Value.Model).OfType<string>());
        if ((env(OpenAIEndpointOptions.JudgeModelVariable) ?? definition.Judge?.Model) is { } judgeModel && definition.Judge is not null)
        {
            models.Add(judgeModel);
        }

        if (models.Count == 0)
        {
            return [new Finding(FindingLevel.Ok, "prices", definition.Target.Kind == TargetKind.Code
                ? "not checked: the C# target reports its models at run time" : "no model to price")];
        }

        PricingTable table;
        try
        {
            table = PricingTable.Resolve(suite.FilePath, env);
        }
        catch (EvalConfigurationException ex)
        {
            return ex.Errors.Select(e => new Finding(FindingLevel.Error, "prices", e.ToString(), "fix the pricing file at the line shown")).ToList();
        }

        var budget = definition.Gate?.BudgetUsd is not null;
        return models.Distinct(StringComparer.OrdinalIgnoreCase).Select(name => table.Find(name) is not null
                ? new Finding(FindingLevel.Ok, "prices", "'" + name + "' is priced")
                : new Finding(budget ? FindingLevel.Error : FindingLevel.Warning, "prices", "'" + name + "' is not in the pricing table, so its cost is unknown (never $0)" +
                    (budget ? " and the gate's budget_usd cannot be decided" : string.Empty),
                    "add \"" + name + "\": { \"input\": <USD per 1M tokens>, \"output\": <USD per 1M tokens> } under \"models\" in " + PricingTable.FileName +
                    " beside the suite or at the repository root (0 and 0 for a model you host yourself)")).ToList();
    }

    private static string Cases(int count) => count == 1 ? "1 case" : count + " cases";
}
