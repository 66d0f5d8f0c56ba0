using System.Collections.Concurrent;
using EvalHarness.OpenAI;
using EvalHarness.Running;

namespace EvalHarness.Xunit;

/// <summary>The suite sessions of a test process, one per suite file, shared by the data attribute, the tests and the artifacts fixture.</summary>
/// <param name="create">Creates the session of a suite file (given as a full path).</param>
internal sealed class SuiteSessions(Func<string, SuiteSession> create)
{
    private readonly ConcurrentDictionary<string, Lazy<SuiteSession>> _sessions = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    /// <summary>The process's sessions: options from the environment, prompt targets served by the OpenAI-compatible client.</summary>
    /// <remarks>
    /// Sessions run ahead (<see cref="SuiteSession.Prefetch"/>): xUnit runs the tests of a class one after another, so without it a
    /// replayed suite gets no parallelism; the session only runs ahead where that makes no model call and runs no user code.
    /// </remarks>
    public static SuiteSessions Default { get; } = new(Prefetching);

    /// <summary>Every session that loaded, in suite-file order.</summary>
    public IReadOnlyList<SuiteSession> Loaded =>
        _sessions.Where(s => s.Value.IsValueCreated).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.Value).ToArray();

    /// <summary>The session of <paramref name="suiteFile"/>, loading the suite on first use.</summary>
    /// <exception cref="Suites.EvalConfigurationException">The suite is invalid (the same exception on every call).</exception>
    /// <exception cref="ArgumentException">An <c>EVALHARNESS_*</c> variable has an invalid value.</exception>
    public SuiteSession Get(string suiteFile)
    {
        ArgumentNullException.ThrowIfNull(suiteFile);
        var fullPath = Path.GetFullPath(suiteFile);
        return _sessions.GetOrAdd(fullPath, path => new Lazy<SuiteSession>(() => create(path))).Value;
    }

    private static SuiteSession Prefetching(string path)
    {
        var session = SuiteSession.Load(path, DefaultOptions());
        session.Prefetch = true;
        return session;
    }

    private static EvalRunOptions DefaultOptions() =>
        EvalRunOptions.FromEnvironment() with
        {
            ChatClientFactory = OpenAIChatClientFactory.ForSuites(),
            JudgeClientFactory = OpenAIChatClientFactory.ForJudges(),
            Resilience = EvalHarness.Resilience.ResilienceOptions.FromEnvironment(),
        };
}
