using EvalHarness.Running;

namespace EvalHarness.Xunit.Tests;

/// <summary>A suite file and its JSON Lines dataset in a fresh temporary folder (<c>&lt;root&gt;/eval-suites/&lt;name&gt;/suite.yaml</c>).</summary>
internal sealed class TempSuite : IDisposable
{
    public TempSuite(string suiteYaml, params string[] datasetLines)
    {
        Root = Path.Combine(Path.GetTempPath(), "evh-xunit-" + Guid.NewGuid().ToString("N")[..12]);
        var folder = Path.Combine(Root, "eval-suites", "s");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(Root, "datasets"));
        File.WriteAllText(Path.Combine(Root, "datasets", "data.jsonl"), string.Join("\n", datasetLines) + "\n");
        SuiteFile = Path.Combine(folder, "suite.yaml");
        File.WriteAllText(SuiteFile, suiteYaml);
    }

    public string Root { get; }

    public string SuiteFile { get; }

    /// <summary>Options for a test: replay mode unless told otherwise, and no endpoint at all.</summary>
    public static EvalRunOptions Options(Recording.EvalMode mode = Recording.EvalMode.Replay) => new() { Mode = mode };

    public SuiteSession Session(EvalRunOptions? options = null) => SuiteSession.Load(SuiteFile, options ?? Options());

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
