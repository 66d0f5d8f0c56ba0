using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Baselines;

/// <summary>
/// Compares a finished suite run with the baseline committed beside its suite file and adds the baseline rules to its gate:
/// <c>baseline</c> (does the run match the verified file; cases added or removed), <c>regression</c> and <c>regression.&lt;metric&gt;</c>,
/// <c>different_ruler</c>, <c>drift</c> and <c>drift.&lt;quantity&gt;</c>, <c>snapshots</c> and <c>dangling_snapshots</c>.
/// </summary>
/// <remarks>
/// <para>A suite takes part when its gate has <c>regression:</c>, <c>drift:</c> or <c>snapshots: true</c>, when a baseline file exists, or
/// when the run accepts. Other suites are returned unchanged, so suites without baselines keep the gate they had.</para>
/// <para>A run whose numbers differ from the verified baseline writes <c>&lt;suite&gt;.baseline.received.json</c> beside it; whether
/// that difference fails the run is decided by the statistics (a regression), not by the difference itself. Output snapshots are exact:
/// a changed or new snapshot fails until accepted. <c>EVALHARNESS_ACCEPT=1</c> (ignored when <c>CI</c> is set) writes the verified files
/// instead, deletes dangling snapshot files, and turns the baseline rules' failures into passes marked "accepted". An incomplete run,
/// one with invalid input, and a sharded run never write a baseline.</para>
/// </remarks>
public static class BaselineGate
{
    private static readonly string[] BaselineRules = ["baseline", "regression", "different_ruler", "drift", "snapshots", "dangling_snapshots"];

    /// <summary>Applies the baseline rules to <paramref name="result"/>.</summary>
    /// <param name="suite">The loaded suite.</param>
    /// <param name="result">Its run's results (with the absolute rules already in the gate).</param>
    /// <param name="settings">Acceptance, CI and sharding.</param>
    /// <returns>The result with the baseline checks in its gate; unchanged when the suite does not use baselines.</returns>
    public static SuiteResult Apply(Suite suite, SuiteResult result, BaselineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(settings);
        var gate = suite.Definition.Gate;
        var directory = suite.BaselinesDirectory;
        var verifiedPath = BaselineFiles.VerifiedBaseline(directory, suite.Name);
        if (!result.Complete || !(gate?.UsesBaseline == true || File.Exists(verifiedPath) || (settings.Accept && settings.Shard is null && !settings.Filtered)))
        {
            return result;
        }

        if (result.ConfigurationErrors.Count > 0)
        {
            // Invalid rows mean missing cases: comparing (or accepting) would mistake them for removed ones.
            var kept = result.Gate.Checks.Where(c => !IsBaselineRule(c.Name)).Append(new GateCheck("baseline", Verdict.Inconclusive,
                "not compared with the baseline: the dataset has " + GateText.Count(result.ConfigurationErrors.Count, "invalid row", "invalid rows") + "; fix them first"));
            return result with { Gate = GateResult.From(kept.ToList()) };
        }

        var context = new Context(suite, result, settings, gate);
        var checks = result.Gate.Checks.Where(c => !IsBaselineRule(c.Name)).ToList();
        var verified = context.LoadBaseline(checks);
        if (verified is not null)
        {
            context.Compare(verified, checks);
        }

        if (gate?.Snapshots == true)
        {
            context.Snapshots(checks);
        }

        if (settings.Accept && settings.Shard is null && !settings.Filtered)
        {
            checks = checks.Select(c => IsBaselineRule(c.Name) && c.Verdict is Verdict.Fail or Verdict.Inconclusive
                ? c with { Verdict = Verdict.Pass, Reason = "accepted (" + BaselineSettings.AcceptVariable + "=1): " + c.Reason }
                : c).ToList();
        }

        return result with { Gate = GateResult.From(checks) };
    }

    /// <summary>The command that accepts a suite's received files, as a user would type it from the current directory.</summary>
    public static string AcceptCommand(Suite suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var display = Suite.DisplayPath(suite.FilePath);
        return display.StartsWith("eval-suites/", StringComparison.Ordinal)
            ? "evalharness accept --suite " + suite.Name
            : "evalharness accept " + (display.Contains(' ', StringComparison.Ordinal) ? "\"" + display + "\"" : display);
    }

    private static bool IsBaselineRule(string name) =>
        BaselineRules.Any(rule => name == rule || name.StartsWith(rule + ".", StringComparison.Ordinal));

    private static GateCheck Fired(string name, bool critical, string reason, ComparisonVerdict? comparison = null) => critical
        ? new GateCheck(name, Verdict.Fail, reason) { Comparison = comparison }
        : new GateCheck(name, Verdict.Pass, "warning: " + reason) { Severity = RuleSeverity.Warning, Comparison = comparison };

    private sealed class Context(Suite suite, SuiteResult result, BaselineSettings settings, GateDefinition? gate)
    {
        private readonly string _directory = suite.BaselinesDirectory;
        private readonly bool _sharded = settings.Shard is not null || settings.Filtered;

        // A sharded or filtered run saw only some cases, so it never writes (or accepts) anything and compares only its own cases.
        private readonly bool _accept = settings.Accept && settings.Shard is null && !settings.Filtered;
        private readonly Func<string, bool>? _inScope = settings.Shard is { } shard ? shard.Includes
            : settings.Filtered ? result.Cases.Select(c => c.Id).ToHashSet(StringComparer.Ordinal).Contains : null;
        private readonly Baseline _current = Baseline.From(result, suite);
        private readonly string _command = AcceptCommand(suite);
        private readonly IReadOnlyCollection<string> _suiteMetrics = RegressionOptions.SuiteMetricKeys(suite.Definition);

        private string VerifiedPath => BaselineFiles.VerifiedBaseline(_directory, suite.Name);

        private string ReceivedPath => BaselineFiles.ReceivedBaseline(_directory, suite.Name);

        private string IfIntended => "; if intended: " + _command + " (or rerun with " + BaselineSettings.AcceptVariable + "=1)";

        // Reads the verified baseline, writes or accepts the received one, and adds the 'baseline' check; returns the baseline to compare with.
        public Baseline? LoadBaseline(List<GateCheck> checks)
        {
            var shown = Suite.DisplayPath(VerifiedPath);
            var verifiedText = BaselineFiles.Read(VerifiedPath);
            var text = _current.ToCanonicalText();
            var ciNote = settings.AcceptRequested && settings.IsContinuousIntegration ? " (" + BaselineSettings.AcceptVariable + " is ignored because CI is set)" : string.Empty;
            Baseline? verified = null;
            string? unreadable = null;
            if (verifiedText is not null)
            {
                try
                {
                    verified = Baseline.Parse(verifiedText, shown);
                }
                catch (BaselineFormatException ex)
                {
                    unreadable = ex.Message;
                }
            }

            // Latency and cost alone never make a run differ (they change on every live run; drift reports them).
            var same = verified is not null && verified.SameResults(_current);
            var writes = !_sharded;
            if (_accept)
            {
                if (verifiedText != text)
                {
                    BaselineFiles.Write(VerifiedPath, text);
                }

                BaselineFiles.Delete(ReceivedPath);
            }
            else if (writes && !same)
            {
                BaselineFiles.Write(ReceivedPath, text);
            }
            else if (writes)
            {
                BaselineFiles.Delete(ReceivedPath);
            }

            var received = Suite.DisplayPath(ReceivedPath);
            var cases = GateText.Count(_current.Cases.Count, "case", "cases");
            if (unreadable is not null)
            {
                checks.Add(_accept
                    ? new GateCheck("baseline", Verdict.Pass, "replaced the unreadable baseline " + shown + " (" + unreadable + ") with this run's " + cases)
                    : new GateCheck("baseline", Verdict.Error, "the baseline cannot be read: " + unreadable + "; wrote " + received + IfIntended));
                return null;
            }

            if (verified is null)
            {
                var usesBaseline = gate?.UsesBaseline == true;
                checks.Add(_accept ? new GateCheck("baseline", Verdict.Pass, "accepted a new baseline: wrote " + shown + " (" + cases + ")")
                    : _sharded ? new GateCheck("baseline", Verdict.Inconclusive, "no baseline " + shown + " to compare with; a sharded run does not write one")
                    : settings.IsContinuousIntegration && usesBaseline ? new GateCheck("baseline", Verdict.Fail, "no committed baseline " + shown +
                        ": the gate compares with one; run the suite locally, review " + received + " and accept it with " + _command + ", then commit it" + ciNote)
                    : new GateCheck("baseline", Verdict.Inconclusive, "no baseline yet: wrote " + received + " (" + cases + "); review it and accept it with " +
                        _command + " (or rerun with " + BaselineSettings.AcceptVariable + "=1)" + ciNote));
                return null;
            }

            var difference = Difference(verified);
            checks.Add(same ? new GateCheck("baseline", Verdict.Pass, "matches " + shown + " (" + cases + ")")
                : _accept ? new GateCheck("baseline", Verdict.Pass, "accepted: updated " + shown + "; " + difference)
                : _sharded ? new GateCheck("baseline", Verdict.Pass, "compared shard " + settings.Shard + " with " + shown + "; " + difference + "; a sharded run writes no baseline")
                : Fired("baseline", critical: false, "differs from " + shown + ": " + difference + "; wrote " + received + IfIntended + ciNote));
            return verified;
        }

        public void Compare(Baseline verified, List<GateCheck> checks)
        {
            var shown = Suite.DisplayPath(VerifiedPath);
            var differences = verified.Provenance.RulerDifferences(_current.Provenance);
            if (differences.Count > 0)
            {
                var reason = "different ruler: " + string.Join("; ", differences) + ": the baseline was measured differently, so changes may come from the ruler, " +
                    "not the system; compare with a baseline measured the same way, or accept this run as the new baseline (" + _command + ")";
                checks.Add(new GateCheck("different_ruler", gate?.DifferentRulerFails == true ? Verdict.Fail : Verdict.Inconclusive, reason)
                {
                    Severity = gate?.DifferentRulerFails == true ? RuleSeverity.Critical : RuleSeverity.Warning,
                });
            }

            var options = RegressionOptions.From(gate) with { InScope = _inScope, Metrics = _suiteMetrics };
            var report = RegressionAnalysis.Compare(verified, _current, options);
            var critical = gate?.RegressionIsCritical ?? true;
            checks.Add(RegressionSummary(report, options, critical, shown));
            foreach (var metric in report.Metrics)
            {
                checks.Add((metric.Verdict switch
                {
                    ComparisonVerdict.Regressed => Fired("regression." + metric.Metric, critical, metric.Summary + IfIntended, metric.Verdict),
                    ComparisonVerdict.Inconclusive => new GateCheck("regression." + metric.Metric, Verdict.Inconclusive, metric.Summary) { Comparison = metric.Verdict },
                    _ => new GateCheck("regression." + metric.Metric, Verdict.Pass, metric.Summary) { Comparison = metric.Verdict },
                }) with { Metrics = [metric] });
            }

            if (gate?.DriftEnabled ?? true)
            {
                AddDrift(verified, checks);
            }
        }

        public void Snapshots(List<GateCheck> checks)
        {
            var differing = new List<string>();
            var compared = 0;
            foreach (var c in result.Cases.Where(c => c.Output is not null))
            {
                compared++;
                var text = SnapshotScrubber.Scrub(c.Output!);
                var verifiedPath = BaselineFiles.VerifiedSnapshot(_directory, suite.Name, c.Id);
                var receivedPath = BaselineFiles.ReceivedSnapshot(_directory, suite.Name, c.Id);
                var verified = BaselineFiles.Read(verifiedPath);
                if (verified == text)
                {
                    BaselineFiles.Delete(receivedPath);
                    continue;
                }

                if (_accept)
                {
                    BaselineFiles.Write(verifiedPath, text);
                    BaselineFiles.Delete(receivedPath);
                }
                else
                {
                    BaselineFiles.Write(receivedPath, text);
                }

                differing.Add(verified is null ? c.Id + " (new)" : c.Id + " (" + FirstDifference(verified, text) + ")");
            }

            var outputs = GateText.Count(compared, "output", "outputs");
            checks.Add(differing.Count == 0 ? new GateCheck("snapshots", Verdict.Pass, outputs + " match their verified snapshots")
                : _accept ? new GateCheck("snapshots", Verdict.Pass, "accepted " + GateText.Count(differing.Count, "snapshot", "snapshots") + ": " + GateText.Ids(differing, 5))
                : new GateCheck("snapshots", Verdict.Fail, differing.Count + " of " + outputs + " differ from their verified snapshots: " + GateText.Ids(differing, 5) +
                    "; wrote " + suite.Name + ".<case>.received.txt beside them in " + Suite.DisplayPath(_directory) + IfIntended));

            if (_sharded)
            {
                return;
            }

            var expected = result.Cases.Select(c => Path.GetFileName(BaselineFiles.VerifiedSnapshot(_directory, suite.Name, c.Id))).ToHashSet(StringComparer.Ordinal);
            var dangling = BaselineFiles.VerifiedSnapshots(_directory, suite.Name).Where(f => !expected.Contains(Path.GetFileName(f))).ToList();
            if (dangling.Count == 0)
            {
                return;
            }

            var names = GateText.Ids(dangling.Select(f => Path.GetFileName(f)).ToList(), 5);
            if (_accept)
            {
                dangling.ForEach(File.Delete);
                checks.Add(new GateCheck("dangling_snapshots", Verdict.Pass, "deleted " + GateText.Count(dangling.Count, "dangling snapshot", "dangling snapshots") + " with no matching case: " + names));
                return;
            }

            var message = GateText.Count(dangling.Count, "verified snapshot has", "verified snapshots have") + " no matching case (renamed or removed cases): " + names +
                "; delete them, or rerun with " + BaselineSettings.AcceptVariable + "=1 to delete them";
            checks.Add(settings.IsContinuousIntegration ? new GateCheck("dangling_snapshots", Verdict.Fail, message) : Fired("dangling_snapshots", critical: false, message));
        }

        private GateCheck RegressionSummary(RegressionReport report, RegressionOptions options, bool critical, string shown)
        {
            var scope = "against " + shown + " (α " + GateText.Number(options.Alpha) + ", margin " + GateText.Number(options.Margin) + ", Holm across " +
                GateText.Count(report.Metrics.Count, "metric", "metrics") + ")";
            var extras = new List<string>();
            if (report.Added.Count > 0)
            {
                extras.Add(GateText.Count(report.Added.Count, "case", "cases") + " added since the baseline (not compared): " + GateText.Ids(report.Added));
            }

            if (report.Removed.Count > 0)
            {
                extras.Add(GateText.Count(report.Removed.Count, "case", "cases") + " removed since the baseline: " + GateText.Ids(report.Removed));
            }

            if (report.NewMetrics.Count > 0)
            {
                extras.Add("new metrics (not compared): " + string.Join(", ", report.NewMetrics));
            }

            if (report.DroppedMetrics.Count > 0)
            {
                extras.Add("metrics no longer scored: " + string.Join(", ", report.DroppedMetrics));
            }

            var tail = extras.Count == 0 ? string.Empty : "; " + string.Join("; ", extras);
            string Names(ComparisonVerdict v) => string.Join(", ", report.Metrics.Where(m => m.Verdict == v).Select(m => m.Metric));
            var check = report.Verdict switch
            {
                ComparisonVerdict.Regressed => Fired("regression", critical, "regressed: " + Names(ComparisonVerdict.Regressed) + " " + scope + tail + IfIntended),
                ComparisonVerdict.Inconclusive => new GateCheck("regression", Verdict.Inconclusive, "inconclusive: " + Names(ComparisonVerdict.Inconclusive) + " " + scope + tail),
                ComparisonVerdict.Improved => new GateCheck("regression", Verdict.Pass, "improved: " + Names(ComparisonVerdict.Improved) + " " + scope + tail +
                    "; accept the improvement as the new baseline with " + _command),
                _ => new GateCheck("regression", Verdict.Pass, (report.Metrics.Count == 0 ? "no metric to compare " : "no regression ") + scope + tail),
            };
            return check with { Comparison = report.Verdict, Metrics = report.Metrics };
        }

        private void AddDrift(Baseline verified, List<GateCheck> checks)
        {
            var measurements = DriftAnalysis.Measure(verified, _current, gate?.DriftPctThreshold ?? GateDefinition.DefaultDriftPctThreshold, _inScope, _suiteMetrics);
            var critical = gate?.DriftIsCritical == true;
            var drifted = measurements.Where(m => m.Level != DriftLevel.None).ToList();
            checks.Add((drifted.Count == 0
                ? new GateCheck("drift", Verdict.Pass, "no drift in " + GateText.Count(measurements.Count, "quantity", "quantities") +
                    (measurements.Count == 0 ? string.Empty : " (" + string.Join(", ", measurements.Select(m => m.Quantity)) + ")"))
                : Fired("drift", critical && drifted.Any(m => m.Level == DriftLevel.Critical), GateText.Count(drifted.Count, "quantity", "quantities") + " drifted: " +
                    string.Join(", ", drifted.Select(m => m.Quantity + (m.Level == DriftLevel.Critical ? " (critical)" : string.Empty))))) with { Drift = measurements });
            foreach (var m in drifted)
            {
                var reason = (m.Level == DriftLevel.Critical ? "critical drift: " : "drift: ") + m.Summary + "; " + m.Recommendation;
                checks.Add(Fired("drift." + m.Quantity, critical && m.Level == DriftLevel.Critical, reason) with { Drift = [m] });
            }
        }

        private string Difference(Baseline verified)
        {
            var before = verified.Cases.Where(c => _inScope is null || _inScope(c.Id)).ToDictionary(c => c.Id, StringComparer.Ordinal);
            var after = _current.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
            var flipped = _current.Cases.Where(c => before.TryGetValue(c.Id, out var b) && b.Verdict != c.Verdict)
                .Select(c => c.Id + " (" + before[c.Id].Verdict.ToContractString() + " → " + c.Verdict.ToContractString() + ")").ToList();
            var rescored = _current.Cases.Count(c => before.TryGetValue(c.Id, out var b) && !SameMetrics(b, c));
            var added = _current.Cases.Count(c => !before.ContainsKey(c.Id));
            var removed = before.Keys.Count(id => !after.ContainsKey(id));
            var parts = new List<string>();
            if (flipped.Count > 0)
            {
                parts.Add("verdict changed in " + GateText.Count(flipped.Count, "case", "cases") + ": " + GateText.Ids(flipped, 5));
            }

            if (rescored > 0)
            {
                parts.Add("metric results changed in " + GateText.Count(rescored, "case", "cases"));
            }

            if (added + removed > 0)
            {
                parts.Add(GateText.Count(added, "case", "cases") + " added, " + removed + " removed");
            }

            double Rate(IEnumerable<BaselineCase> cases) => cases.Any() ? cases.Average(c => c.Verdict == Verdict.Pass ? 1.0 : 0.0) : double.NaN;
            var rateBefore = Rate(before.Values);
            var rateAfter = Rate(_current.Cases);
            if (parts.Count > 0 && rateBefore != rateAfter)
            {
                parts.Add("pass rate " + GateText.Percent(rateBefore) + " → " + GateText.Percent(rateAfter));
            }

            return parts.Count > 0 ? string.Join("; ", parts) : "only latency, cost or provenance changed";
        }

        private static bool SameMetrics(BaselineCase a, BaselineCase b) =>
            a.Metrics.Count == b.Metrics.Count && a.Metrics.All(m => b.Metrics.TryGetValue(m.Key, out var other) && other == m.Value);

        private static string FirstDifference(string verified, string received)
        {
            var expected = verified.Split('\n');
            var actual = received.Split('\n');
            for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
            {
                var e = i < expected.Length ? expected[i] : null;
                var a = i < actual.Length ? actual[i] : null;
                if (e != a)
                {
                    return "line " + (i + 1) + ": expected " + Quote(e) + ", got " + Quote(a);
                }
            }

            return "differs";
        }

        private static string Quote(string? line) => line is null ? "end of text" : "\"" + (line.Length > 60 ? line[..60] + "…" : line) + "\"";
    }
}
