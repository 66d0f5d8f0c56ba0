using EvalHarness.Baselines;
using EvalHarness.Costs;
using EvalHarness.Metrics;
using EvalHarness.Recording;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Merging;

/// <summary>
/// Merges the results of a sharded run (<c>EVALHARNESS_SHARD=i/n</c> on several machines) into the run an unsharded run would have produced:
/// every case once, in dataset order, with the aggregates and the gate — absolute rules, baseline comparison and A/B variants — computed again
/// over all cases.
/// </summary>
/// <remarks>
/// <para>Each suite must come either from exactly one unsharded run or from shards 1/n … n/n of one sharding, each exactly once; runs that
/// split the suites between them (one job per suite) merge too. Shards must have run the same suite file and dataset (same hashes), in the same
/// mode, at the same commit.</para>
/// <para>The gate needs each suite's <c>gate:</c>, so suite files are loaded again from the paths recorded in the results (relative to the current
/// directory, as the runs wrote them); a suite file that changed since the shards ran is refused. Suites that could not be loaded in the shards
/// are kept with their errors. Like an unsharded run, merging compares with the committed baseline and writes a received baseline when the
/// results differ (<see cref="BaselineGate"/>).</para>
/// </remarks>
/// <example>
/// <code>
/// var shards = Directory.GetFiles("shards", "results.json", SearchOption.AllDirectories).Select(f => ResultsJsonReader.Read(f)).ToList();
/// RunResult merged = RunMerger.Merge(shards);
/// ArtifactWriter.Write(merged, "artifacts/evals");
/// return merged.ExitCode;
/// </code>
/// </example>
public static class RunMerger
{
    /// <summary>Merges <paramref name="runs"/>.</summary>
    /// <param name="runs">The shards' (or suites') runs, in any order.</param>
    /// <param name="baselines">Acceptance and CI for the baseline rules (read from the process environment when null); its shard is ignored.</param>
    /// <param name="metrics">The metric registry suite files are loaded with (custom metrics); the default registry when null.</param>
    /// <returns>One run without a shard, with a new run id, spanning the shards' start and finish times.</returns>
    /// <exception cref="RunMergeException">The runs do not form one run (the message says why).</exception>
    /// <exception cref="EvalConfigurationException">A suite file cannot be loaded; the errors name file and line.</exception>
    public static RunResult Merge(IReadOnlyList<RunResult> runs, BaselineSettings? baselines = null, MetricRegistry? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new RunMergeException("no runs to merge");
        }

        var ordered = runs.OrderBy(r => r.Shard?.Index ?? 0).ToList();
        var first = ordered[0];
        if (ordered.FirstOrDefault(r => r.Mode != first.Mode) is { } otherMode)
        {
            throw new RunMergeException("run " + Describe(first) + " ran in " + first.Mode.ToContractString() + " mode but run " + Describe(otherMode) +
                " in " + otherMode.Mode.ToContractString() + " mode; merge runs of one sharded run");
        }

        var commits = ordered.Select(r => r.GitCommit).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (commits.Count > 1)
        {
            throw new RunMergeException("the runs come from different commits (" + string.Join(", ", commits) + "); merge runs of one sharded run");
        }

        var settings = (baselines ?? BaselineSettings.FromEnvironment()) with { Shard = null };
        var parts = new Dictionary<string, List<(RunResult Run, SuiteResult Suite)>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var run in ordered)
        {
            foreach (var suite in run.Suites)
            {
                if (!parts.TryGetValue(suite.Name, out var list))
                {
                    parts[suite.Name] = list = [];
                    order.Add(suite.Name);
                }

                list.Add((run, suite));
            }
        }

        var loaded = new Dictionary<string, Suite>(StringComparer.Ordinal);
        var merged = new List<SuiteResult>();
        foreach (var name in order)
        {
            var suiteParts = parts[name];
            CheckCoverage(name, suiteParts);
            merged.Add(suiteParts is [{ Run.Shard: null } only] ? only.Suite : Combine(name, suiteParts, settings, metrics, loaded));
        }

        CompareVariants(merged, loaded);
        return new RunResult
        {
            RunId = RunResult.NewRunId(DateTimeOffset.UtcNow),
            StartedAt = ordered.Min(r => r.StartedAt),
            FinishedAt = ordered.Max(r => r.FinishedAt),
            HarnessVersion = first.HarnessVersion,
            GitCommit = commits.SingleOrDefault(),
            Mode = first.Mode,
            Shard = null,
            Suites = merged,
        };
    }

    private static void CheckCoverage(string name, List<(RunResult Run, SuiteResult Suite)> parts)
    {
        if (parts.Count == 1 && parts[0].Run.Shard is null)
        {
            return;
        }

        if (parts.FirstOrDefault(p => p.Run.Shard is null) is { Run: not null } unsharded)
        {
            throw new RunMergeException("suite '" + name + "' is in " + parts.Count + " runs (" + string.Join(", ", parts.Select(p => Describe(p.Run))) + ") but run " +
                Describe(unsharded.Run) + " is not a shard; merge the shards of one sharded run, or runs that each hold different suites");
        }

        var count = parts[0].Run.Shard!.Value.Count;
        if (parts.FirstOrDefault(p => p.Run.Shard!.Value.Count != count) is { Run: not null } other)
        {
            throw new RunMergeException("suite '" + name + "' comes from shards of " + count + " (run " + Describe(parts[0].Run) + ") and of " +
                other.Run.Shard!.Value.Count + " (run " + Describe(other.Run) + "); merge the shards of one sharded run");
        }

        if (parts.GroupBy(p => p.Run.Shard!.Value.Index).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new RunMergeException("shard " + twice.First().Run.Shard + " of suite '" + name + "' is given twice (runs " +
                string.Join(", ", twice.Select(p => p.Run.RunId)) + "); give each shard once");
        }

        var missing = Enumerable.Range(1, count).Except(parts.Select(p => p.Run.Shard!.Value.Index)).ToList();
        if (missing.Count > 0)
        {
            throw new RunMergeException("suite '" + name + "' is missing shard(s) " +
                string.Join(", ", missing.Select(i => new Shard(i, count).ToString())) + ": the merged run would lack their cases; give every shard's results");
        }

        var hashes = parts.Select(p => (p.Suite.SuiteHash, p.Suite.DatasetHash)).Distinct().ToList();
        if (hashes.Count > 1)
        {
            throw new RunMergeException("the shards of suite '" + name + "' ran different versions of its suite file or dataset (" +
                string.Join("; ", parts.Select(p => "shard " + p.Run.Shard + ": suite " + Short(p.Suite.SuiteHash) + ", dataset " + Short(p.Suite.DatasetHash))) + ")");
        }
    }

    private static SuiteResult Combine(string name, List<(RunResult Run, SuiteResult Suite)> parts, BaselineSettings settings, MetricRegistry? metrics,
        Dictionary<string, Suite> loaded)
    {
        var sample = parts[0].Suite;
        var errors = parts.SelectMany(p => p.Suite.ConfigurationErrors).DistinctBy(e => e.ToString()).OrderBy(e => e.Location.Line).ToArray();
        if (sample.Dataset is null)
        {
            // The suite could not be loaded in any shard: there are no cases to merge, only the same errors.
            return sample with { ConfigurationErrors = errors };
        }

        var seen = new Dictionary<string, Shard?>(StringComparer.Ordinal);
        var eachInOrder = true;
        foreach (var (run, suite) in parts)
        {
            CaseResult? previous = null;
            foreach (var c in suite.Cases)
            {
                eachInOrder &= previous is null || DatasetOrder(previous, c) <= 0;
                previous = c;
                if (!seen.TryAdd(c.Id, run.Shard))
                {
                    throw new RunMergeException("case '" + c.Id + "' of suite '" + name + "' is in shard " + seen[c.Id] + " and in shard " + run.Shard +
                        "; shards must not overlap");
                }
            }
        }

        var suiteFile = Suite.DisplayPath(sample.File);
        if (!loaded.TryGetValue(suiteFile, out var definition))
        {
            definition = Suite.Load(sample.File, metrics);
            if (sample.SuiteHash is not null && !string.Equals(definition.Hash, sample.SuiteHash, StringComparison.Ordinal))
            {
                throw new RunMergeException("suite file " + suiteFile + " (or one of its templates) changed since the shards ran (" + Short(sample.SuiteHash) +
                    " then, " + Short(definition.Hash) + " now); merge in the checkout the shards ran from");
            }

            loaded[suiteFile] = definition;
        }

        // Dataset order, as an unsharded run lists cases (a case's first line is unique within its file).
        var cases = eachInOrder ? MergeInOrder(parts.Select(p => p.Suite.Cases).ToList())
            : parts.SelectMany(p => p.Suite.Cases).OrderBy(c => c.Line).ThenBy(c => c.Id, StringComparer.Ordinal).ToArray();
        var complete = parts.All(p => p.Suite.Complete);
        var result = sample with
        {
            Cases = cases,
            Aggregates = SuiteAggregates.From(cases),
            ConfigurationErrors = errors,
            Complete = complete,
            PricingSources = parts.SelectMany(p => p.Suite.PricingSources).Distinct(StringComparer.Ordinal).ToArray(),
        };
        result = result with
        {
            // The same evaluation an unsharded run makes: over every case, with the budget checked against the whole run's cost.
            Gate = complete
                ? GateEvaluator.Evaluate(definition.Definition.Gate, cases, CostReport.From(result).Total)
                : new GateResult(Verdict.Error, [new GateCheck("complete", Verdict.Error, "a shard stopped before every case finished")]),
        };

        // A/B variants (suite@variant) are compared with each other, not with a baseline, as an unsharded run does.
        return IsVariant(name, definition) ? result : BaselineGate.Apply(definition, result, settings);
    }

    private static int DatasetOrder(CaseResult a, CaseResult b)
    {
        var byLine = a.Line.CompareTo(b.Line);
        return byLine != 0 ? byLine : string.CompareOrdinal(a.Id, b.Id);
    }

    // Each shard lists its cases in dataset order, so merging them one case at a time gives what a stable sort of all of them would
    // (ties go to the earlier shard) without holding them together: past 2,000 cases the merged list spills to disk like a run's.
    private static IReadOnlyList<CaseResult> MergeInOrder(List<IReadOnlyList<CaseResult>> parts)
    {
        var store = new CaseResultStore(EvalRunOptions.DefaultSpillAfterCases);
        var enumerators = parts.Select(p => p.GetEnumerator()).ToList();
        try
        {
            var heads = enumerators.Select(e => e.MoveNext() ? e.Current : null).ToArray();
            for (var index = 0; ; index++)
            {
                var next = -1;
                CaseResult? first = null;
                for (var i = 0; i < heads.Length; i++)
                {
                    if (heads[i] is { } head && (first is null || DatasetOrder(head, first) < 0))
                    {
                        (next, first) = (i, head);
                    }
                }

                if (first is null)
                {
                    return store.Complete();
                }

                store.Add(index, first);
                heads[next] = enumerators[next].MoveNext() ? enumerators[next].Current : null;
            }
        }
        finally
        {
            foreach (var enumerator in enumerators)
            {
                enumerator.Dispose();
            }
        }
    }

    private static void CompareVariants(List<SuiteResult> merged, Dictionary<string, Suite> loaded)
    {
        foreach (var suite in loaded.Values.Where(s => s.Definition.Variants.Count == 2))
        {
            var keys = suite.Definition.Variants.Select(v => v.Key).ToArray();
            var a = merged.FindIndex(r => r.Name == suite.Name + "@" + keys[0]);
            var b = merged.FindIndex(r => r.Name == suite.Name + "@" + keys[1]);
            if (a >= 0 && b >= 0 && merged[a].Complete && merged[b].Complete)
            {
                merged[b] = VariantComparison.Apply(suite.Definition, merged[a], keys[0], merged[b], keys[1]);
            }
        }
    }

    private static bool IsVariant(string name, Suite suite) =>
        suite.Definition.Variants.Count == 2 && suite.Definition.Variants.Any(v => name == suite.Name + "@" + v.Key);

    private static string Describe(RunResult run) => run.RunId + (run.Shard is { } shard ? " (shard " + shard.ToString() + ")" : string.Empty);

    private static string Short(string? hash) => hash is null ? "unknown" : hash.Length > 19 ? hash[..19] + "…" : hash;
}
