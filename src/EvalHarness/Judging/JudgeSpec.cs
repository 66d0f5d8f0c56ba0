using System.Security.Cryptography;
using System.Text;
using EvalHarness.Datasets;
using EvalHarness.Metrics;
using EvalHarness.Suites;

namespace EvalHarness.Judging;

/// <summary>A judge metric's suite entry, read and checked once when the suite loads: prompt, overrides, sampling, calibration, inputs.</summary>
internal sealed class JudgeSpec
{
    private JudgeSpec(MetricSpec spec, JudgeMetricDefinition definition, JudgePrompt prompt, JudgePrompt? stepsPrompt)
    {
        Spec = spec;
        Definition = definition;
        Prompt = prompt;
        StepsPrompt = stepsPrompt;
        Name = spec.DisplayName;
        Threshold = spec.Threshold(0.75);
        SampleRate = spec.GetDouble("sample") ?? 1;
        ContextField = spec.GetString("context");
        Reference = spec.Descriptor.ValueSource == ValueSource.None ? null : ComparisonValue.From(spec);
        Criteria = spec.GetString("criteria");
        GivenSteps = spec.GetStringList("steps");
        if (Criteria is not null)
        {
            RubricHash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Criteria + "\n\n" + string.Join("\n", GivenSteps))));
        }

        if (spec.GetString("human_label") is { } label)
        {
            Calibration = new CalibrationSettings(label, spec.GetDouble("min_agreement"), spec.GetDouble("min_kappa"));
        }
    }

    public MetricSpec Spec { get; }

    public JudgeMetricDefinition Definition { get; }

    public string Name { get; }

    public JudgePrompt Prompt { get; }

    public JudgePrompt? StepsPrompt { get; }

    public JudgePrompt Repair { get; } = JudgePrompt.BuiltIn(JudgeMetricDefinition.RepairPromptName);

    public double Threshold { get; }

    public double SampleRate { get; }

    public string? ContextField { get; }

    public ComparisonValue? Reference { get; }

    public string? Criteria { get; }

    public IReadOnlyList<string> GivenSteps { get; }

    public string? RubricHash { get; }

    public CalibrationSettings? Calibration { get; }

    /// <summary>Reads a judge metric's entry; a missing prompt file, an unknown placeholder in it or an unknown aggregate fail the load.</summary>
    /// <exception cref="EvalConfigurationException">The entry's settings are unusable (file, line and field named).</exception>
    public static JudgeSpec Read(MetricSpec spec, JudgeMetricDefinition definition)
    {
        if (spec.Get("aggregate") is { } aggregate && JudgeOptions.ParseAggregate(aggregate.Scalar) is null)
        {
            throw MetricConfiguration.Invalid(spec, "aggregate", "expected mean, median or majority, found '" + aggregate.Scalar + "'");
        }

        if (spec.GetString("criteria") is { } criteria && string.IsNullOrWhiteSpace(criteria))
        {
            throw MetricConfiguration.Invalid(spec, "criteria", "the criteria are empty; say what a good response does");
        }

        var prompt = spec.GetString("prompt") is { } path ? LoadOverride(spec, path) : JudgePrompt.BuiltIn(definition.PromptName);
        var stepsPrompt = definition.Inputs.HasFlag(JudgeInputs.Criteria) ? JudgePrompt.BuiltIn(JudgeMetricDefinition.StepsPromptName) : null;
        return new JudgeSpec(spec, definition, prompt, stepsPrompt);
    }

    /// <summary>The settings of a call: the metric's overrides over the suite's judge settings; <c>EVALHARNESS_JUDGE_MODEL</c> over both.</summary>
    public JudgeCallSettings Resolve(JudgeConfiguration judge)
    {
        var options = judge.Options;
        return new JudgeCallSettings(
            options.ModelOverride ?? Spec.GetString("model") ?? options.Model ?? judge.DefaultModel,
            Spec.GetDouble("temperature") ?? options.Temperature,
            Spec.GetInt32("seed") ?? options.Seed,
            Spec.GetInt32("samples") ?? options.Samples,
            JudgeOptions.ParseAggregate(Spec.GetString("aggregate")) ?? options.Aggregate,
            Spec.GetInt32("max_tokens") ?? options.MaxTokens,
            options.OutputMode,
            options.Streaming);
    }

    public JudgeProvenance Provenance(JudgeConfiguration? judge) => new()
    {
        Metric = Definition.Name,
        MetricVersion = Definition.Id,
        Model = judge is null ? null : Resolve(judge).Model,
        Prompt = Prompt.Source,
        PromptHash = Prompt.Hash,
        RubricHash = RubricHash,
    };

    /// <summary>The context passages the judge sees: the metric's <c>context:</c> field, else the case's mapped context.</summary>
    public IReadOnlyList<string> ContextOf(EvalCase @case)
    {
        if (ContextField is null)
        {
            return @case.Context;
        }

        if (!JsonFieldPath.TrySelect(@case.Fields, ContextField, out var matches))
        {
            return [];
        }

        var passages = new List<string>();
        foreach (var match in matches)
        {
            if (match is System.Text.Json.Nodes.JsonArray array)
            {
                passages.AddRange(array.Select(JsonFieldPath.AsText).OfType<string>());
            }
            else if (JsonFieldPath.AsText(match) is { } text)
            {
                passages.Add(text);
            }
        }

        return passages;
    }

    private static JudgePrompt LoadOverride(MetricSpec spec, string path)
    {
        var baseDirectory = spec.Location.File.Length == 0 ? Environment.CurrentDirectory : Path.GetDirectoryName(Path.GetFullPath(spec.Location.File))!;
        var full = Path.GetFullPath(Path.Combine(baseDirectory, path));
        if (!File.Exists(full))
        {
            throw MetricConfiguration.Invalid(spec, "prompt", "prompt file '" + path + "' not found (resolved relative to " + spec.Location.File + ": " + full + ")");
        }

        var errors = new List<ConfigError>();
        var prompt = JudgePrompt.Parse(File.ReadAllText(full), path, Suite.DisplayPath(full), spec.Field + ".prompt", errors);
        if (errors.Count > 0)
        {
            throw new EvalConfigurationException(errors);
        }

        var used = prompt.Placeholders;
        var shows = spec.Descriptor.Name == "pairwise" ? used.Contains("response_a") && used.Contains("response_b")
            : used.Contains("output") || (spec.Descriptor.Name == "conversation" && used.Contains("conversation"));
        if (!shows)
        {
            throw MetricConfiguration.Invalid(spec, "prompt", "prompt file '" + path + "' never shows the judge what to score: it needs " +
                (spec.Descriptor.Name == "pairwise" ? "{{response_a}} and {{response_b}}" : spec.Descriptor.Name == "conversation" ? "{{conversation}} or {{output}}" : "{{output}}"));
        }

        return prompt;
    }
}
