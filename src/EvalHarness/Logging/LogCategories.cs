using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvalHarness.Logging;

/// <summary>The logger categories EvalHarness writes to, for filtering (for example <c>builder.AddFilter(LogCategories.Recording, LogLevel.Debug)</c>).</summary>
/// <remarks>
/// Event ids are stable: 1000–1099 <see cref="Running"/>, 1100–1199 <see cref="Resilience"/>, 1200–1299 <see cref="Recording"/>,
/// 1300–1399 <see cref="Baselines"/>.
/// </remarks>
public static class LogCategories
{
    /// <summary>Runs, suites, cases that end in error, configuration errors.</summary>
    public const string Running = "EvalHarness.Running";

    /// <summary>Retries, rate-limit pauses and queueing of model calls.</summary>
    public const string Resilience = "EvalHarness.Resilience";

    /// <summary>Recording hits, misses and writes (debug level).</summary>
    public const string Recording = "EvalHarness.Recording";

    /// <summary>The comparison of each suite with its committed baseline.</summary>
    public const string Baselines = "EvalHarness.Baselines";

    /// <summary>A logger of <paramref name="category"/> from <paramref name="factory"/>, or one that writes nothing when the factory is null.</summary>
    internal static ILogger Create(ILoggerFactory? factory, string category) => (factory ?? NullLoggerFactory.Instance).CreateLogger(category);
}
