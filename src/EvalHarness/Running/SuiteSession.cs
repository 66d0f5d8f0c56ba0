using System.Diagnostics;
using EvalHarness.Baselines;
using EvalHarness.Costs;
using EvalHarness.Datasets;
using EvalHarness.Logging;
using EvalHarness.Recording;
using EvalHarness.Suites;
using EvalHarness.Targets;
using EvalHarness.Templates;

namespace EvalHarness.Running;

/// <summary>
/// Runs one suite case by case, in whatever order a test framework asks, for hosts with one test per case: each case runs at most
/// once (its <see cref="CaseResult"/> is kept), <see cref="RunAllAsync"/> runs only the cases still missing and applies the gate, and
/// <see cref="ToResult"/> reports what has run so far as a <see cref="SuiteResult"/>, the same shape <see cref="EvalRunner"/> returns.
/// </summary>
/// <remarks>
/// <para>
/// The dataset is read once, on the first case run, and each row is kept until its case has run (a case id is looked up, not
/// searched for). Rows outside <see cref="EvalRunOptions.Shard"/> are not part of the session. All members are thread-safe.
/// </para>
/// <para>
/// Rows marked <c>skip</c> or <c>explicit</c> (see <see cref="CaseFlags"/>) are left out of the gate and are not run by
/// <see cref="RunAllAsync"/>; <see cref="ToResult"/> reports them as inconclusive (skipped) unless an explicit case was run by id.
/// </para>
/// <para>
/// With <see cref="Prefetch"/> on, asking for a case also starts the next cases in dataset order in the background (see
/// <see cref="Prefetch"/> for when that is allowed), so a host that asks for cases one at a time still runs them in parallel. A case
/// that only ran ahead is kept but not reported by <see cref="ToResult"/> until it is asked for.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var session = SuiteSession.Load("eval-suites/support-faq/suite.yaml", EvalRunOptions.FromEnvironment());
/// var target = new DelegateTarget((c, ct) => bot.AnswerAsync(c.Input, ct));
/// var one = await session.RunCaseAsync("payment-methods", target);
/// var suite = await session.RunAllAsync(target);     // runs the other cases, then the gate
/// </code>
/// </example>
public sealed class SuiteSession
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Task<CaseResult>> _runs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _requested = new(StringComparer.Ordinal);
    private readonly Queue<(int Index, CancellationToken CancellationToken)> _prefetchQueue = new();
    private bool[]? _prefetchQueued;
    private int _prefetchWorkers;
    private bool? _canPrefetch;

    // Bumped whenever what ToResult reports may change; the last result is reused until then (the Gate and the artifacts both ask).
    private int _version;
    private (int Version, SuiteResult Result)? _lastResult;
    private readonly Lazy<LoadedDataset> _dataset;
    private readonly Lazy<IEvalTarget> _suiteTarget;
    private readonly Lazy<CaseExecutor> _executor;
    private readonly Microsoft.Extensions.Logging.ILogger _log;

    /// <summary>Creates a session over a loaded suite.</summary>
    /// <param name="suite">The suite.</param>
    /// <param name="options">Mode, metrics, endpoints and shard; <see cref="EvalRunOptions.ChatClientFactory"/> serves prompt targets.</param>
    public SuiteSession(Suite suite, EvalRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(options);
        Suite = suite;
        Options = options;
        _dataset = new Lazy<LoadedDataset>(Load);
        _suiteTarget = new Lazy<IEvalTarget>(() => EvalRun.ResolveTarget(Suite, Options, null));
        _executor = new Lazy<CaseExecutor>(() => new CaseExecutor(Suite, Options));
        _log = LogCategories.Create(options.LoggerFactory, LogCategories.Running);
    }

    /// <summary>The suite.</summary>
    public Suite Suite { get; }

    /// <summary>The options the session runs with.</summary>
    public EvalRunOptions Options { get; }

    /// <summary>Whether any case that was asked for has finished running (a case that only ran ahead does not count).</summary>
    public bool HasResults
    {
        get
        {
            lock (_sync)
            {
                return _runs.Any(r => r.Value.IsCompletedSuccessfully && _requested.Contains(r.Key));
            }
        }
    }

    /// <summary>
    /// Whether asking for a case also starts the next cases in dataset order in the background (off by default; set it before the
    /// first case runs). The look-ahead covers 2 × <c>max_concurrency</c> rows after the case asked for, runs at most
    /// <c>max_concurrency</c> cases at once and runs each under the token of the request that queued it: when the test run is
    /// cancelled, queued rows do not start and running ones stop (a later request runs them itself).
    /// </summary>
    /// <remarks>
    /// Only cases whose run costs nothing and is invisible to the user run ahead: the suite's own target (a request with a target
    /// of its own, such as C# code, never prefetches) in <c>replay</c> mode, or a dataset-output target without a judge in any mode.
    /// A prompt target in <c>auto</c>, <c>record</c> or <c>live</c> mode never calls the model for a case nobody asked for. Rows
    /// marked <c>skip</c> or <c>explicit</c> never run ahead. Every case still runs at most once.
    /// </remarks>
    public bool Prefetch { get; set; }

    /// <summary>Loads the suite file and creates a session over it.</summary>
    /// <exception cref="EvalConfigurationException">The suite is invalid (every problem with file and line).</exception>
    public static SuiteSession Load(string suiteFile, EvalRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SuiteSession(Suite.Load(suiteFile, options.Metrics), options);
    }

    /// <summary>Streams the session's dataset rows (this shard's, rows with errors included), reading the file afresh and keeping nothing.</summary>
    /// <remarks>What a test framework enumerates at discovery time: one test per entry.</remarks>
    /// <exception cref="DatasetException">The dataset cannot be read (thrown while enumerating).</exception>
    public IEnumerable<DatasetEntry> ReadEntries() =>
        DatasetReader.Read(Suite.DatasetPath, Suite.DatasetDisplayPath, CaseExecutor.DatasetOptionsFor(Suite.Definition, Options))
            .Where(e => Options.Shard is not { } shard || shard.Includes(e.Id));

    /// <summary>The session's case ids in dataset order (this shard's; an unreadable row as <c>line-&lt;n&gt;</c>), from the dataset it runs.</summary>
    /// <remarks>
    /// What a test framework enumerates at discovery time, one test per id (with <see cref="TagsOf"/> and <see cref="FlagsOf"/>): the
    /// dataset is read once and kept, so discovery and the run that follows in the same process parse it once.
    /// </remarks>
    /// <exception cref="DatasetException">The dataset cannot be read.</exception>
    public IReadOnlyList<string> CaseIds => _dataset.Value.Ids;

    /// <summary>The tags of a case (none for an unreadable row).</summary>
    /// <exception cref="ArgumentException">No row of the session has this id.</exception>
    public IReadOnlyList<string> TagsOf(string caseId)
    {
        var dataset = _dataset.Value;
        return dataset.Rows[IndexOf(dataset, caseId)].Tags;
    }

    /// <summary>The <c>skip</c>/<c>explicit</c> flags of a case's row (<see cref="CaseFlags.None"/> for an unreadable row).</summary>
    /// <exception cref="ArgumentException">No row of the session has this id.</exception>
    public CaseFlags FlagsOf(string caseId)
    {
        var dataset = _dataset.Value;
        return dataset.Rows[IndexOf(dataset, caseId)].Flags;
    }

    /// <summary>The target cases run against: <paramref name="target"/> when given, else the suite's own (its prompt or dataset outputs).</summary>
    /// <exception cref="EvalConfigurationException">No target is given and the suite has none, or live/record mode has no endpoint.</exception>
    public IEvalTarget ResolveTarget(IEvalTarget? target) => target ?? _suiteTarget.Value;

    /// <summary>Whether the case takes part in the gate (false for rows marked <c>skip</c> or <c>explicit</c>).</summary>
    /// <exception cref="ArgumentException">No row of the session has this id.</exception>
    public bool CountsTowardsGate(string caseId)
    {
        var dataset = _dataset.Value;
        return dataset.Rows[IndexOf(dataset, caseId)].Flags.CountsTowardsGate;
    }

    /// <summary>Runs one case, or returns its result when it has already run (or is running).</summary>
    /// <param name="caseId">The case id, as <see cref="ReadEntries"/> yields it (<c>line-&lt;n&gt;</c> for an unreadable row).</param>
    /// <param name="target">The system under test; null for the suite's own target (see <see cref="ResolveTarget"/>).</param>
    /// <param name="cancellationToken">Cancels the case; a cancelled case is not kept and runs again when asked again.</param>
    /// <returns>The case's result: invalid rows, target failures and missing recordings are <see cref="Verdict.Error"/>s, never exceptions.</returns>
    /// <exception cref="ArgumentException">No row of the session has this id.</exception>
    /// <exception cref="EvalConfigurationException">The target cannot be resolved (see <see cref="ResolveTarget"/>).</exception>
    /// <exception cref="DatasetException">The dataset cannot be read.</exception>
    public async Task<CaseResult> RunCaseAsync(string caseId, IEvalTarget? target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        var dataset = _dataset.Value;
        var index = IndexOf(dataset, caseId);
        var prefetch = Prefetch && target is null && CanPrefetch();
        while (true)
        {
            TaskCompletionSource<CaseResult>? owner = null;
            Task<CaseResult>? run;
            lock (_sync)
            {
                if (_requested.Add(caseId))
                {
                    _version++;
                }

                if (!_runs.TryGetValue(caseId, out run))
                {
                    owner = new TaskCompletionSource<CaseResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                    run = owner.Task;
                    _runs[caseId] = run;
                }

                if (prefetch)
                {
                    QueuePrefetch(dataset, index, cancellationToken);
                }
            }

            if (owner is not null)
            {
                // The case runs outside the lock: the target is user code and may take minutes.
                await RunOwnedAsync(owner, dataset, index, target, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                return await run.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (owner is null && !cancellationToken.IsCancellationRequested)
            {
                // Another request's (or the look-ahead's) run of this case was cancelled, this one was not: run it again.
                prefetch = false;
            }
        }
    }

    /// <summary>Runs every case that counts towards the gate and has not run yet (at most <c>max_concurrency</c> at a time), then returns the whole suite with its gate.</summary>
    /// <param name="target">The system under test; null for the suite's own target.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <exception cref="EvalConfigurationException">The target cannot be resolved.</exception>
    /// <exception cref="DatasetException">The dataset cannot be read.</exception>
    public async Task<SuiteResult> RunAllAsync(IEvalTarget? target, CancellationToken cancellationToken = default)
    {
        var dataset = _dataset.Value;
        var resolved = ResolveTarget(target);

        // Cases that already ran (or are running) return their kept result at once, so the gate also waits for runs in flight.
        var counted = dataset.Rows.Where(r => r.Flags.CountsTowardsGate).Select(r => r.Id);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Options.MaxConcurrency ?? Suite.Definition.MaxConcurrency,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(counted, parallel, async (id, ct) => await RunCaseAsync(id, resolved, ct).ConfigureAwait(false)).ConfigureAwait(false);
        var result = ToResult();
        RunLog.Suite(_log, result);
        return result;
    }

    /// <summary>The suite's results so far: every finished case in dataset order, and the gate once every case that counts has run.</summary>
    /// <remarks>
    /// Until then (a filtered test run) <see cref="SuiteResult.Complete"/> is false and the gate is inconclusive with a <c>complete</c>
    /// check saying how many cases ran. Cases that do not count towards the gate and did not run are reported as inconclusive.
    /// </remarks>
    public SuiteResult ToResult()
    {
        var dataset = _dataset.Value;
        var finished = new Dictionary<string, CaseResult>(StringComparer.Ordinal);
        int version;
        lock (_sync)
        {
            if (_lastResult is { } last && last.Version == _version)
            {
                return last.Result;
            }

            version = _version;
            foreach (var (id, run) in _runs)
            {
                // A case that only ran ahead was not asked for: the result reports what the host ran.
                if (run.IsCompletedSuccessfully && _requested.Contains(id))
                {
                    finished[id] = run.Result;
                }
            }
        }

        var cases = new List<CaseResult>();
        var gateCases = new List<CaseResult>();
        var errors = new List<ConfigError>();
        var expected = 0;
        foreach (var row in dataset.Rows)
        {
            var counts = row.Flags.CountsTowardsGate;
            expected += counts ? 1 : 0;
            if (!finished.TryGetValue(row.Id, out var result))
            {
                if (counts)
                {
                    continue;
                }

                result = NotRun(row);
            }

            cases.Add(result);
            errors.AddRange(row.Errors);
            if (counts)
            {
                gateCases.Add(result);
            }
        }

        var definition = Suite.Definition;
        var complete = gateCases.Count == expected;
        var suiteResult = new SuiteResult
        {
            Name = Suite.Name,
            File = Suite.DisplayPath(Suite.FilePath),
            Dataset = Suite.DatasetDisplayPath,
            DatasetHash = dataset.Hash.Value,
            SuiteHash = Suite.Hash,
            Target = definition.Target.Kind,
            Model = definition.Target.Model ?? definition.Provider?.Model,
            Cases = cases,
            Aggregates = SuiteAggregates.From(cases),
            ConfigurationErrors = errors,
            Complete = complete,
            PricingSources = _executor.Value.Pricing.Sources,
        };
        if (!complete)
        {
            suiteResult = suiteResult with
            {
                Gate = new GateResult(Verdict.Inconclusive, [new GateCheck("complete", Verdict.Inconclusive,
                    gateCases.Count + " of " + expected + " cases ran (a filtered test run); the gate needs every case")]),
            };
        }
        else
        {
            // The same gate as the command line: absolute rules and budget, then the comparison with the committed baseline.
            suiteResult = suiteResult with
            {
                Gate = _executor.Value.WithCalibration(GateEvaluator.Evaluate(definition.Gate, gateCases, CostReport.From(suiteResult).Total), gateCases),
            };
            suiteResult = BaselineGate.Apply(Suite, suiteResult, BaselineSettings.FromEnvironment());
        }

        lock (_sync)
        {
            _lastResult = (version, suiteResult);
        }

        return suiteResult;
    }

    // Running ahead must cost nothing and show nothing: no model call the user did not ask for, no user code.
    private bool CanPrefetch()
    {
        if (_canPrefetch is { } known)
        {
            return known;
        }

        var definition = Suite.Definition;
        var allowed = Options.Mode == EvalMode.Replay
            ? definition.Target.Kind is TargetKind.Prompt or TargetKind.Output
            : definition.Target.Kind == TargetKind.Output && definition.Judge is null;
        _canPrefetch = allowed;
        return allowed;
    }

    // Called under _sync: queues the rows after `index` that count towards the gate and have not run, and starts workers for them.
    private void QueuePrefetch(LoadedDataset dataset, int index, CancellationToken cancellationToken)
    {
        var concurrency = Math.Max(1, Options.MaxConcurrency ?? Suite.Definition.MaxConcurrency);
        _prefetchQueued ??= new bool[dataset.Rows.Count];
        var end = Math.Min(dataset.Rows.Count, index + 1 + (2 * concurrency));
        for (var next = index + 1; next < end; next++)
        {
            var row = dataset.Rows[next];
            if (!_prefetchQueued[next] && row.Flags.CountsTowardsGate && !_runs.ContainsKey(row.Id))
            {
                _prefetchQueued[next] = true;
                _prefetchQueue.Enqueue((next, cancellationToken));
            }
        }

        while (_prefetchWorkers < concurrency && _prefetchWorkers < _prefetchQueue.Count)
        {
            _prefetchWorkers++;

            // Prefetched cases belong to no test: they must not inherit the asking test's context or telemetry parent.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => PrefetchAsync(dataset));
            }
        }
    }

    private async Task PrefetchAsync(LoadedDataset dataset)
    {
        while (true)
        {
            TaskCompletionSource<CaseResult>? owner = null;
            var index = -1;
            var cancellationToken = CancellationToken.None;
            lock (_sync)
            {
                while (owner is null && _prefetchQueue.TryDequeue(out var queued))
                {
                    (index, cancellationToken) = queued;
                    var id = dataset.Rows[index].Id;
                    if (cancellationToken.IsCancellationRequested)
                    {
                        // Queued by a request whose test run was cancelled: dropped, and queued again if a later request reaches it.
                        _prefetchQueued![index] = false;
                    }
                    else if (!_runs.ContainsKey(id))
                    {
                        owner = new TaskCompletionSource<CaseResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                        _runs[id] = owner.Task;
                    }
                }

                if (owner is null)
                {
                    _prefetchWorkers--;
                    return;
                }
            }

            await RunOwnedAsync(owner, dataset, index, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static int IndexOf(LoadedDataset dataset, string caseId) =>
        dataset.Index.TryGetValue(caseId, out var index) ? index
        : throw new ArgumentException("case '" + caseId + "' is not in " + dataset.DisplayPath + " (the dataset changed since the tests were discovered?)", nameof(caseId));

    private async Task RunOwnedAsync(TaskCompletionSource<CaseResult> owner, LoadedDataset dataset, int index, IEvalTarget? target,
        CancellationToken cancellationToken)
    {
        var row = dataset.Rows[index];
        try
        {
            var result = await RunRowAsync(row, dataset.Pending[index], target, cancellationToken).ConfigureAwait(false);
            lock (_sync)
            {
                // The row is no longer needed once its case has a result.
                dataset.Pending[index] = null;
            }

            owner.SetResult(result);
            lock (_sync)
            {
                // After the result is visible: a ToResult that missed it cannot keep its stale copy.
                _version++;
            }
        }
        catch (Exception ex)
        {
            lock (_sync)
            {
                // A cancelled or unresolvable case is not kept: asking again runs it again.
                _runs.Remove(row.Id);
                _version++;
            }

            if (ex is OperationCanceledException cancelled)
            {
                owner.SetCanceled(cancelled.CancellationToken);
            }
            else
            {
                owner.SetException(ex);
            }
        }
    }

    private async Task<CaseResult> RunRowAsync(Row row, DatasetEntry? entry, IEvalTarget? target, CancellationToken cancellationToken)
    {
        // A row whose skip/explicit value is invalid keeps no entry: it is reported with its errors.
        entry ??= new DatasetEntry(row.Line, row.Id, null, row.Errors);

        // A test asked for this case by name, which is what runs an explicit case.
        var result = await _executor.Value.RunAsync(entry, ResolveTarget(target), selected: true, cancellationToken).ConfigureAwait(false);
        RunLog.Case(_log, Suite.Name, result);
        return result;
    }

    private static CaseResult NotRun(Row row) => new()
    {
        Id = row.Id,
        Line = row.Line,
        Tags = row.Tags,
        Verdict = Verdict.Inconclusive,
        ErrorKind = CaseErrorKind.Excluded,
        Error = row.Flags.SkipReason is { } reason ? "skipped in the dataset: " + reason : "explicit case: not run (it runs only when selected by name)",
    };

    private LoadedDataset Load()
    {
        var rows = new List<Row>();
        var pending = new List<DatasetEntry?>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in ReadEntries())
        {
            var flags = entry.Case is { } @case ? CaseFlags.Read(@case) : CaseFlags.None;
            IReadOnlyList<ConfigError> errors = flags.Error is { } error ? [.. entry.Errors, error] : entry.Errors;
            index[entry.Id] = rows.Count;
            rows.Add(new Row(entry.Id, entry.Line, entry.Case?.Tags ?? [], flags, errors));

            // A row whose skip/explicit value is invalid is an error row: its case is not run.
            pending.Add(flags.Error is null ? entry : null);
        }

        // Hashed only when a result is reported: listing the tests does not read the file a second time.
        return new LoadedDataset(rows, [.. rows.Select(r => r.Id)], pending.ToArray(), index, Suite.DatasetDisplayPath,
            new Lazy<string>(() => DatasetReader.ComputeHash(Suite.DatasetPath)));
    }

    private sealed record Row(string Id, int Line, IReadOnlyList<string> Tags, CaseFlags Flags, IReadOnlyList<ConfigError> Errors);

    private sealed record LoadedDataset(IReadOnlyList<Row> Rows, IReadOnlyList<string> Ids, DatasetEntry?[] Pending,
        IReadOnlyDictionary<string, int> Index, string DisplayPath, Lazy<string> Hash);
}
