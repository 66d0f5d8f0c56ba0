namespace EvalHarness.Cli.Tests;

/// <summary><c>init</c> adds a suite to an existing repository: the output-target scaffold runs green at once; the C# one binds a test project.</summary>
public sealed class InitCommandTests : IDisposable
{
    private readonly TempRepository _repo = new("evh-init");

    public void Dispose() => _repo.Dispose();

    private Dictionary<string, string> Env() => new() { ["EVALHARNESS_ARTIFACTS"] = _repo.Artifacts, ["EVALHARNESS_MODE"] = "replay" };

    [Fact]
    public async Task TheScaffoldedSuiteRunsAndPasses()
    {
        var (code, output, _) = await CliRunner.RunAsync(["init", "faq-bot", "--root", _repo.Root]);

        Assert.Equal(0, code);
        Assert.Contains("Created ", output, StringComparison.Ordinal);
        var run = await CliRunner.RunAsync(["run", _repo.PathOf("eval-suites")], Env());
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("faq-bot: 3 cases — 3 pass", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync(["doctor", _repo.PathOf("eval-suites")], Env())).ExitCode);
    }

    [Fact]
    public async Task ACodeTargetBindsTheTestProject()
    {
        var project = _repo.Write("tests/Shop.EvalTests/Shop.EvalTests.csproj",
            "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <RootNamespace>Shop.Evals</RootNamespace>\n  </PropertyGroup>\n</Project>\n");

        var (code, output, _) = await CliRunner.RunAsync(["init", "support.chat", "--root", _repo.Root, "--project", project]);

        Assert.Equal(0, code);
        var binding = File.ReadAllText(_repo.PathOf("tests/Shop.EvalTests/SupportChatEvals.cs"));
        Assert.Contains("namespace Shop.Evals;", binding, StringComparison.Ordinal);
        Assert.Contains("[EvalSuite(\"eval-suites/support.chat/suite.yaml\")]\npublic partial class SupportChatEvals", binding, StringComparison.Ordinal);
        Assert.Contains("[EvalTarget]", binding, StringComparison.Ordinal);
        Assert.Contains("<EvalHarnessRoot>$([System.IO.Path]::GetFullPath('$(MSBuildThisFileDirectory)../../'))</EvalHarnessRoot>", File.ReadAllText(project), StringComparison.Ordinal);
        Assert.DoesNotContain("\ntarget:", File.ReadAllText(_repo.PathOf("eval-suites/support.chat/suite.yaml")), StringComparison.Ordinal);
        Assert.Contains("dotnet add ", output, StringComparison.Ordinal);
        Assert.Contains(" package EvalHarness.Xunit", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExistingFilesBadNamesAndBadOptionsExitTwo()
    {
        await CliRunner.RunAsync(["init", "one", "--root", _repo.Root]);
        var suite = _repo.PathOf("eval-suites/one/suite.yaml");
        File.AppendAllText(suite, "# mine\n");

        var again = await CliRunner.RunAsync(["init", "one", "--root", _repo.Root]);
        var name = await CliRunner.RunAsync(["init", "no spaces", "--root", _repo.Root]);
        var target = await CliRunner.RunAsync(["init", "two", "--root", _repo.Root, "--target", "robot"]);
        var code = await CliRunner.RunAsync(["init", "three", "--root", _repo.Root, "--target", "code"]);
        var root = await CliRunner.RunAsync(["init", "four", "--root", _repo.PathOf("nowhere")]);
        var forced = await CliRunner.RunAsync(["init", "one", "--root", _repo.Root, "--force"]);

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("not overwriting ", again.Error, StringComparison.Ordinal);
        Assert.Equal(2, name.ExitCode);
        Assert.Contains("'no spaces' is not a suite name", name.Error, StringComparison.Ordinal);
        Assert.Equal(2, target.ExitCode);
        Assert.Contains("--target robot is not a target", target.Error, StringComparison.Ordinal);
        Assert.Equal(2, code.ExitCode);
        Assert.Contains("--target code needs --project", code.Error, StringComparison.Ordinal);
        Assert.Equal(2, root.ExitCode);
        Assert.False(Directory.Exists(_repo.PathOf("eval-suites/two")));
        Assert.Equal(0, forced.ExitCode);
        Assert.DoesNotContain("# mine", File.ReadAllText(suite), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APromptScaffoldNeedsRecordingsAndDoctorSaysSo()
    {
        await CliRunner.RunAsync(["init", "llm", "--root", _repo.Root, "--target", "prompt"]);

        var (code, output, _) = await CliRunner.RunAsync(["doctor", _repo.PathOf("eval-suites/llm/suite.yaml"), "--mode", "replay"], Env());

        Assert.True(File.Exists(_repo.PathOf("eval-suites/llm/prompts/answer.txt")));
        Assert.Equal(2, code);
        Assert.Contains("error   recordings: 3 of 3 cases cannot replay (llm-001, llm-002, llm-003)", output, StringComparison.Ordinal);
    }
}
