using EvalHarness.Reporting;
using EvalHarness.Running;

namespace EvalHarness.Xunit;

/// <summary>
/// An xUnit assembly fixture that writes the test run's artifacts — <c>results.json</c> and <c>summary.md</c> of every suite whose
/// cases ran — once, when the test assembly finishes, to <c>&lt;artifacts&gt;/&lt;run-id&gt;/</c> with <c>&lt;artifacts&gt;/latest</c>
/// pointing at it, as <c>evalharness run</c> does. The source generator registers it once per test assembly.
/// </summary>
/// <remarks>
/// <para>
/// <c>&lt;artifacts&gt;</c> is <c>EVALHARNESS_ARTIFACTS</c> (default <c>artifacts/evals</c>). A relative path is resolved against the
/// repository holding the suite files (the nearest folder above them with a <c>.git</c>; without one, the folder holding
/// <c>eval-suites/</c>), not against the current directory, which for a test run is usually the <c>bin</c> folder.
/// </para>
/// <para>
/// Nothing is written when no case ran (for example when only other tests were selected). A suite of which only some cases ran
/// (a filtered run) is written with <c>complete: false</c> and an inconclusive gate.
/// </para>
/// </remarks>
/// <example><code>[assembly: AssemblyFixture(typeof(EvalHarness.Xunit.EvalRunArtifacts))]</code></example>
public sealed class EvalRunArtifacts : IAsyncDisposable
{
    private readonly SuiteSessions _sessions;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private int _written;

    /// <summary>Creates the fixture over the test process's suites; the run starts now.</summary>
    public EvalRunArtifacts()
        : this(SuiteSessions.Default, Environment.GetEnvironmentVariable)
    {
    }

    internal EvalRunArtifacts(SuiteSessions sessions, Func<string, string?> getEnvironmentVariable)
    {
        _sessions = sessions;
        _getEnvironmentVariable = getEnvironmentVariable;
    }

    /// <summary>The run folder written by <see cref="DisposeAsync"/>, or null before then or when no case ran.</summary>
    public string? RunFolder { get; private set; }

    /// <summary>Writes the artifacts (once; later calls do nothing).</summary>
    /// <exception cref="IOException">The artifacts folder cannot be written; the test run reports the fixture's failure.</exception>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _written, 1) == 0)
        {
            RunFolder = Write();
        }

        return ValueTask.CompletedTask;
    }

    private string? Write()
    {
        var sessions = _sessions.Loaded.Where(s => s.HasResults).ToArray();
        if (sessions.Length == 0)
        {
            return null;
        }

        var directory = ArtifactsLocation.Resolve([.. sessions.Select(s => s.Suite.FilePath)], _getEnvironmentVariable("EVALHARNESS_ARTIFACTS"));
        var options = sessions[0].Options;
        var run = new RunResult
        {
            RunId = RunResult.NewRunId(_startedAt),
            StartedAt = _startedAt,
            FinishedAt = DateTimeOffset.UtcNow,
            GitCommit = Provenance.GitCommit(ArtifactsLocation.BaseDirectory([.. sessions.Select(s => s.Suite.FilePath)])),
            Mode = options.Mode,
            Shard = options.Shard,
            Suites = sessions.Select(s => s.ToResult()).ToArray(),
        };
        return ArtifactWriter.Write(run, directory);
    }
}
