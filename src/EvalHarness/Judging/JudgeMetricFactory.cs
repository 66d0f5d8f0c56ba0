using EvalHarness.Suites;

namespace EvalHarness.Judging;

/// <summary>Creates the built-in judge metrics from their suite entries.</summary>
internal static class JudgeMetricFactory
{
    /// <exception cref="EvalConfigurationException">The entry's settings are unusable.</exception>
    public static IJudgeMetric Create(MetricSpec spec, JudgeConfiguration? judge)
    {
        var definition = JudgeMetricDefinition.Find(spec.Descriptor.Name)
            ?? throw new InvalidOperationException("'" + spec.Descriptor.Name + "' is not a built-in judge metric");
        var judgeSpec = JudgeSpec.Read(spec, definition);
        return definition.Name == "pairwise" ? new PairwiseMetric(judgeSpec, judge) : new JudgeMetric(judgeSpec, judge);
    }
}
