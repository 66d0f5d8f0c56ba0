using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EvalHarness.Recording;
using EvalHarness.Reporting;
using EvalHarness.Running;
using EvalHarness.Testing;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// <c>evalharness run</c> as a child process, as CI runs it: killed with SIGKILL or stopped with SIGINT part-way, run as two shards at once on
/// one artifacts folder, and given a hostile dataset. Committed baselines and recordings survive whole, partial runs are never taken for full
/// ones, shared files stay whole, and the process's own exit code follows the contract.
/// </summary>
public sealed class ProcessReliabilityTests : IDisposable
{
    private const int Cases = 200;
    private const int FirstCases = 20;
    private const string Suite = "eval-suites/slow/suite.yaml";
    private const string Baseline = "eval-suites/slow/baselines/slow.baseline.json";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempRepository _repo = new("evh-proc");

    public void Dispose() => _repo.Dispose();

    private string Artifacts => _repo.PathOf("artifacts/evals");

    private string Recordings => _repo.PathOf("eval-suites/slow/recordings");

    private static string Id(int i) => "c" + i.ToString("000", CultureInfo.InvariantCulture);

    // A prompt-target suite against a server that takes 100 ms per answer: 200 cases at concurrency 4 take about 5 s, long enough to stop.
    private void WriteSuite(FakeOpenAIServer server, int cases)
    {
        _repo.Write("datasets/slow.jsonl", string.Concat(Enumerable.Range(0, cases).Select(i => "{\"id\":\"" + Id(i) + "\",\"input\":\"" + Id(i) + "\"}\n")));
        _repo.Write(Suite, "name: slow\ndataset: ../../datasets/slow.jsonl\nprovider: { base_url: \"" + server.BaseUrl + "\", model: m }\n" +
            "max_concurrency: 4\ntarget: { prompt: \"{{input}}\" }\nmetrics:\n  - contains: ANSWER\n");
    }

    private static FakeOpenAIServer SlowServer() =>
        FakeOpenAIServer.Start(request => FakeReply.Text("ANSWER " + request.Messages[^1].Content).WithDelay(TimeSpan.FromMilliseconds(100)));

    // A first full run, in process: the committed baseline (accepted), 20 recordings, one complete run that 'latest' points at.
    private async Task<string> FirstFullRunAsync(FakeOpenAIServer server)
    {
        WriteSuite(server, FirstCases);
        var first = await CliRunner.RunAsync(["run", _repo.PathOf(Suite)], new Dictionary<string, string>
        {
            ["EVALHARNESS_MODE"] = "record",
            ["EVALHARNESS_ACCEPT"] = "1",
            ["EVALHARNESS_ARTIFACTS"] = Artifacts,
            ["OPENAI_API_KEY"] = "test-key",
        });
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.True(File.Exists(_repo.PathOf(Baseline)));
        Assert.Equal(FirstCases, Directory.GetFiles(Recordings, "*.json").Length);
        var runId = Assert.Single(RunFolders());
        Assert.Equal(runId, LatestTarget());
        WriteSuite(server, Cases);
        return runId;
    }

    private List<string> RunFolders() =>
        [.. Directory.GetDirectories(Artifacts).Select(d => Path.GetFileName(d)).Where(n => n != "latest").Order(StringComparer.Ordinal)];

    private string? LatestTarget()
    {
        var latest = new DirectoryInfo(Path.Combine(Artifacts, "latest"));
        return latest.LinkTarget is { } target ? Path.GetFileName(target) : null;
    }

    private int NewRecordings() =>
        Directory.Exists(Recordings)
            ? Directory.GetFiles(Recordings, "*.json").Count(f => int.Parse(Path.GetFileName(f)[1..4], CultureInfo.InvariantCulture) >= FirstCases)
            : 0;

    // Waits until the child has recorded some new cases (so it is mid-run), failing with its output if it ends first.
    private static async Task WaitUntilAsync(Func<bool> condition, Child child)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(child.Process.HasExited, "the run ended before it could be stopped: " + child.Output);
            Assert.True(clock.Elapsed < Patience, "the run made no progress: " + child.Output);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    // Every recording file parses and passes RecordingStore's content-hash and key checks: none is half written.
    private void AssertEveryRecordingVerifies()
    {
        var store = new RecordingStore(Recordings);
        foreach (var file in Directory.GetFiles(Recordings, "*.json"))
        {
            var key = JsonNode.Parse(File.ReadAllText(file))!["key"]!.GetValue<string>();
            Assert.NotNull(store.Load(key));
        }
    }

    private List<string> TempFiles() =>
        [.. Directory.EnumerateFiles(_repo.Root, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".tmp", StringComparison.Ordinal))];

    [Fact]
    public async Task SigkillMidRunLeavesBaselineRecordingsAndLatestWholeAndTheNextRunIgnoresStaleTempFiles()
    {
        await using var server = SlowServer();
        var firstRun = await FirstFullRunAsync(server);
        var baseline = File.ReadAllBytes(_repo.PathOf(Baseline));
        var history = File.ReadAllBytes(Path.Combine(Artifacts, RunHistory.FileName));

        using (var child = Child.Start(_repo.Root, ["run", Suite], new() { ["EVALHARNESS_MODE"] = "record", ["EVALHARNESS_ACCEPT"] = "1" }))
        {
            await WaitUntilAsync(() => NewRecordings() >= 30, child);
            child.Process.Kill(); // SIGKILL on Linux and macOS: no handler runs, nothing is flushed.
            await child.Process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var recorded = NewRecordings();
        Assert.InRange(recorded, 30, Cases - FirstCases - 1);
        Assert.Equal(baseline, File.ReadAllBytes(_repo.PathOf(Baseline)));
        AssertEveryRecordingVerifies();
        Assert.Equal([firstRun], RunFolders());
        Assert.Equal(firstRun, LatestTarget());
        Assert.True(ResultsJsonReader.Read(Path.Combine(Artifacts, "latest", "results.json")).Complete);
        Assert.Equal(history, File.ReadAllBytes(Path.Combine(Artifacts, RunHistory.FileName)));

        // What a kill in the middle of a write leaves: a temporary file with half a recording, for a case that has none.
        var unrecorded = Enumerable.Range(FirstCases, Cases - FirstCases).Select(Id)
            .Last(id => Directory.GetFiles(Recordings, id + ".*.json").Length == 0);
        var recordedByKilled = Enumerable.Range(FirstCases, Cases - FirstCases).Select(Id)
            .First(id => Directory.GetFiles(Recordings, id + ".*.json").Length == 1);
        var half = File.ReadAllText(Directory.GetFiles(Recordings, recordedByKilled + ".*.json").Single());
        var stale = Path.Combine(Recordings, unrecorded + ".0123456789abcdef.json.deadbeef.tmp");
        File.WriteAllText(stale, half[..(half.Length / 2)]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));

        var replay = await CliRunner.RunAsync(["run", _repo.PathOf(Suite), "--mode", "replay", "--filter", "id:c000,id:" + recordedByKilled + ",id:" + unrecorded],
            new Dictionary<string, string> { ["EVALHARNESS_ARTIFACTS"] = Artifacts });

        Assert.True(replay.ExitCode == ExitCodes.GateFailed, replay.Output + replay.Error);
        var cases = ResultsJsonReader.Read(Path.Combine(Artifacts, "latest", "results.json")).Suites.Single().Cases;
        Assert.Equal(Verdict.Pass, cases.Single(c => c.Id == "c000").Verdict);
        Assert.Equal(Verdict.Pass, cases.Single(c => c.Id == recordedByKilled).Verdict);
        var missing = cases.Single(c => c.Id == unrecorded);
        Assert.Equal(Verdict.Error, missing.Verdict);
        Assert.Contains("no recording", missing.Error, StringComparison.Ordinal);
        Assert.Empty(TempFiles());
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task SigintOrSigtermMidRunExitsOneWithAnIncompleteResultsJsonAndLeavesBaselineAndRecordingsIntact(string signalName)
    {
        await using var server = SlowServer();
        await FirstFullRunAsync(server);
        var baseline = File.ReadAllBytes(_repo.PathOf(Baseline));
        var before = RunFolders();

        int exitCode;
        string output;
        using (var child = Child.Start(_repo.Root, ["run", Suite], new() { ["EVALHARNESS_MODE"] = "record", ["EVALHARNESS_ACCEPT"] = "1" }))
        {
            await WaitUntilAsync(() => NewRecordings() >= 30, child);
            using (var signal = Process.Start(new ProcessStartInfo("kill", ["-" + signalName, child.Process.Id.ToString(CultureInfo.InvariantCulture)]))!)
            {
                await signal.WaitForExitAsync(TestContext.Current.CancellationToken);
                Assert.Equal(0, signal.ExitCode);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(Patience);
            await child.Process.WaitForExitAsync(timeout.Token);
            exitCode = child.Process.ExitCode;
            output = child.Output;
        }

        Assert.True(exitCode == ExitCodes.GateFailed, "exit " + exitCode + ": " + output);
        // Run ids sort by second, then a random suffix: two runs in one second need not sort in order, so find the new folder by difference.
        var stopped = Assert.Single(RunFolders().Except(before));
        var results = ResultsJsonReader.Read(Path.Combine(Artifacts, stopped, "results.json"));
        Assert.False(results.Complete);
        Assert.Equal(Verdict.Error, results.Suites.Single().Verdict);
        Assert.InRange(results.Suites.Single().Cases.Count, 30, Cases - 1);
        Assert.False(JsonNode.Parse(File.ReadAllText(Path.Combine(Artifacts, stopped, "results.json")))!["complete"]!.GetValue<bool>());
        Assert.Equal(baseline, File.ReadAllBytes(_repo.PathOf(Baseline)));
        AssertEveryRecordingVerifies();
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task TwoShardProcessesOnOneArtifactsFolderKeepHistoryRunFoldersAndLatestWhole()
    {
        const int rounds = 3;
        _repo.Write("datasets/out.jsonl", string.Concat(Enumerable.Range(0, 60).Select(i => "{\"id\":\"" + Id(i) + "\",\"output\":\"ok " + i + "\"}\n")));
        _repo.Write("eval-suites/out/suite.yaml", "name: out\ndataset: ../../datasets/out.jsonl\ntarget: { output: output }\nmetrics:\n  - contains: ok\n");

        for (var round = 0; round < rounds; round++)
        {
            using var one = Child.Start(_repo.Root, ["run", "eval-suites", "--shard", "1/2"], []);
            using var two = Child.Start(_repo.Root, ["run", "eval-suites", "--shard", "2/2"], []);
            await Task.WhenAll(one.Process.WaitForExitAsync(TestContext.Current.CancellationToken), two.Process.WaitForExitAsync(TestContext.Current.CancellationToken));
            Assert.True(one.Process.ExitCode == 0, one.Output);
            Assert.True(two.Process.ExitCode == 0, two.Output);
        }

        var lines = File.ReadAllLines(Path.Combine(Artifacts, RunHistory.FileName));
        Assert.Equal(rounds * 2, lines.Length);
        var ids = lines.Select(l => JsonNode.Parse(l)!["runId"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ids, RunFolders());
        var history = RunHistory.Read(Path.Combine(Artifacts, RunHistory.FileName));
        Assert.Empty(history.Warnings);
        Assert.Equal(rounds * 2, history.Entries.Count);
        foreach (var id in ids)
        {
            var folder = Path.Combine(Artifacts, id);
            Assert.Equal(["report.html", "results.csv", "results.json", "summary.md"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            var run = ResultsJsonReader.Read(Path.Combine(folder, "results.json"));
            Assert.True(run.Complete);
            Assert.Equal(30, run.Suites.Single().Cases.Count);
        }

        Assert.Contains(LatestTarget(), ids);
        Assert.True(ResultsJsonReader.Read(Path.Combine(Artifacts, "latest", "results.json")).Complete);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task AHostileDatasetExitsTwoFromTheProcessNamesFileAndLineAndWritesOnlyUnderArtifacts()
    {
        var rows = new List<byte[]>
        {
            Encoding.UTF8.GetBytes("{\"id\":\"fine\",\"output\":\"ok\"}"),
            Encoding.UTF8.GetBytes("{\"id\":\"../../x\",\"output\":\"ok\"}"),
            Encoding.UTF8.GetBytes("{\"id\":\"../../x\",\"output\":\"duplicate\"}"),
            Encoding.UTF8.GetBytes("{\"id\":\"/etc/passwd\",\"output\":\"ok\"}"),
            Encoding.UTF8.GetBytes("{\"id\":\"trunc\",\"output\":\"o"),
            Encoding.UTF8.GetBytes("{\"id\":12,\"output\":[1,2]}"),
            Encoding.UTF8.GetBytes("{\"id\":\"big\",\"output\":1e999999}"),
            new byte[] { 0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D },
            Encoding.UTF8.GetBytes(new string('[', 3000) + new string(']', 3000)),
            Encoding.UTF8.GetBytes("not json at all | <script>"),
        };
        var dataset = _repo.PathOf("datasets/hostile.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(dataset)!);
        File.WriteAllBytes(dataset, [.. rows.SelectMany(r => r.Append((byte)'\n'))]);
        _repo.Write("eval-suites/hostile/suite.yaml", "name: hostile\ndataset: ../../datasets/hostile.jsonl\ntarget: { output: output }\nmetrics:\n  - contains: ok\n");
        var before = Files();

        int exitCode;
        string output;
        using (var child = Child.Start(_repo.Root, ["run", "eval-suites"], []))
        {
            await child.Process.WaitForExitAsync(TestContext.Current.CancellationToken);
            exitCode = child.Process.ExitCode;
            output = child.Output;
        }

        Assert.True(exitCode == ExitCodes.BadInput, "exit " + exitCode + ": " + output);
        Assert.Contains("hostile.jsonl(5,", output, StringComparison.Ordinal);
        var added = Files().Except(before).ToList();
        Assert.Contains(added, f => f.StartsWith("artifacts/evals/", StringComparison.Ordinal) && f.EndsWith("/results.json", StringComparison.Ordinal));
        Assert.All(added, f => Assert.True(f.StartsWith("artifacts/", StringComparison.Ordinal) || f.StartsWith("eval-suites/hostile/baselines/", StringComparison.Ordinal),
            "written outside artifacts/ and baselines/: " + f));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(_repo.Root, "..", "x"))));
        var cases = ResultsJsonReader.Read(Path.Combine(Artifacts, "latest", "results.json")).Suites.Single().Cases;
        Assert.Contains(cases, c => c.ErrorKind == CaseErrorKind.InvalidInput);
    }

    private List<string> Files() =>
        [.. Directory.EnumerateFiles(_repo.Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_repo.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary><c>dotnet EvalHarness.Cli.dll …</c> in a folder, with a clean environment and its output collected.</summary>
    private sealed class Child : IDisposable
    {
        private readonly StringBuilder _output = new();

        private Child(Process process) => Process = process;

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static Child Start(string directory, string[] args, Dictionary<string, string> env)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            start.ArgumentList.Add(typeof(CliApp).Assembly.Location);
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            // Nothing from the test's own environment may change the run: no CI flag (which ignores accept), no mode, no step summary.
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("EVALHARNESS_", StringComparison.Ordinal) ||
                k.StartsWith("GITHUB_", StringComparison.Ordinal) || k.StartsWith("OPENAI_", StringComparison.Ordinal) || k is "CI" or "TF_BUILD").ToList())
            {
                start.Environment.Remove(name);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["OPENAI_API_KEY"] = "test-key";
            foreach (var (name, value) in env)
            {
                start.Environment[name] = value;
            }

            var child = new Child(new Process { StartInfo = start });
            child.Process.OutputDataReceived += (_, e) => child.Append(e.Data);
            child.Process.ErrorDataReceived += (_, e) => child.Append(e.Data);
            child.Process.Start();
            child.Process.BeginOutputReadLine();
            child.Process.BeginErrorReadLine();
            return child;
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit();
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
