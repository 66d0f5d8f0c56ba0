using System.Globalization;
using EvalHarness.Suites;

namespace EvalHarness.Judging;

/// <summary>The settings of a suite's judge: model, temperature, seed, samples and how they combine. Metrics may override each.</summary>
/// <remarks>
/// Defaults make a judge as repeatable as the endpoint allows: temperature 0 and seed <see cref="DefaultSeed"/>. With
/// <see cref="Samples"/> above 1, sample <c>i</c> (from 0) is sent with seed <c>Seed + i</c>, so each sample is a distinct request
/// (and a distinct recording); raise the temperature too, or the samples of a deterministic endpoint will agree.
/// </remarks>
public sealed record JudgeOptions
{
    /// <summary>The seed used when neither the suite nor the metric sets one.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Overrides the judge model of every judge metric (<c>EVALHARNESS_JUDGE_MODEL</c>), as it overrides the endpoint's.</summary>
    public const string ModelVariable = "EVALHARNESS_JUDGE_MODEL";

    /// <summary>The judge model, or null for the judge client's default model.</summary>
    public string? Model { get; init; }

    /// <summary>A model that wins over every metric's own <c>model:</c> (from <c>EVALHARNESS_JUDGE_MODEL</c>), or null.</summary>
    public string? ModelOverride { get; init; }

    /// <summary>Sampling temperature (default 0).</summary>
    public double Temperature { get; init; }

    /// <summary>The seed of the first sample (default <see cref="DefaultSeed"/>).</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>How many times each case is judged (default 1).</summary>
    public int Samples { get; init; } = 1;

    /// <summary>How samples combine (default <see cref="JudgeAggregate.Mean"/>).</summary>
    public JudgeAggregate Aggregate { get; init; } = JudgeAggregate.Mean;

    /// <summary>The most tokens a judge answer may have, or null for the endpoint's default.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>How the JSON answer is requested (default <see cref="JudgeOutputMode.Json"/>).</summary>
    public JudgeOutputMode OutputMode { get; init; } = JudgeOutputMode.Json;

    /// <summary>Whether judge calls stream (default false). The verdict does not depend on it; it exists for endpoints that only stream.</summary>
    public bool Streaming { get; init; }

    /// <summary>The clock judge latencies are measured with; pass the same one as <c>ResilienceOptions.TimeProvider</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Reads a suite's <c>judge:</c> section (validated by the suite parser) and the <c>EVALHARNESS_JUDGE_MODEL</c> override.</summary>
    /// <param name="judge">The section, or null for defaults.</param>
    /// <param name="getEnvironmentVariable">The environment lookup; the process environment when null.</param>
    public static JudgeOptions FromDefinition(EndpointDefinition? judge, Func<string, string?>? getEnvironmentVariable = null)
    {
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        var overrideModel = env(ModelVariable);
        var options = new JudgeOptions
        {
            Model = judge?.Model,
            ModelOverride = string.IsNullOrWhiteSpace(overrideModel) ? null : overrideModel.Trim(),
        };
        if (judge is null)
        {
            return options;
        }

        foreach (var (key, node) in judge.Settings)
        {
            options = key switch
            {
                "temperature" when node.TryGetDouble(out var temperature) => options with { Temperature = temperature },
                "seed" when node.TryGetInt32(out var seed) => options with { Seed = seed },
                "samples" when node.TryGetInt32(out var samples) => options with { Samples = samples },
                "max_tokens" when node.TryGetInt32(out var maxTokens) => options with { MaxTokens = maxTokens },
                "aggregate" when ParseAggregate(node.Scalar) is { } aggregate => options with { Aggregate = aggregate },
                _ => options,
            };
        }

        return options;
    }

    /// <summary>Parses <c>mean</c>, <c>median</c> or <c>majority</c>; null for anything else.</summary>
    public static JudgeAggregate? ParseAggregate(string? value) => value?.Trim().ToLower(CultureInfo.InvariantCulture) switch
    {
        "mean" => JudgeAggregate.Mean,
        "median" => JudgeAggregate.Median,
        "majority" => JudgeAggregate.Majority,
        _ => null,
    };
}
