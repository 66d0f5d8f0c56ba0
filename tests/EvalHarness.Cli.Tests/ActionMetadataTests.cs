using System.Text.RegularExpressions;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Tests;

/// <summary>
/// What actionlint cannot check offline: the composite action's own references (inputs, step ids, shells) and that this repository's
/// workflows pass it only inputs it declares. The workflows themselves are linted by actionlint in <c>.ci/run</c>.
/// </summary>
public sealed partial class ActionMetadataTests
{
    private static readonly string ActionFile = Path.Combine(RepositoryRoot.Path, ".github", "actions", "evalharness", "action.yml");

    private static ConfigNode Read(string file)
    {
        var errors = new List<ConfigError>();
        var root = YamlConfigReader.Read(File.ReadAllText(file), file, errors);
        Assert.Empty(errors);
        return root!;
    }

    [Fact]
    public void TheCompositeActionReferencesOnlyWhatItDeclares()
    {
        var action = Read(ActionFile);
        var text = File.ReadAllText(ActionFile);
        var inputs = action.Get("inputs")!.Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var steps = action.Get("runs")!.Get("steps")!.Items;
        var ids = steps.Select(s => s.Get("id")?.Scalar).OfType<string>().ToHashSet(StringComparer.Ordinal);

        Assert.Equal("composite", action.Get("runs")!.Get("using")!.Scalar);
        Assert.All(InputReference().Matches(text).Select(m => m.Groups[1].Value), name => Assert.Contains(name, inputs));
        Assert.All(StepReference().Matches(text).Select(m => m.Groups[1].Value), id => Assert.Contains(id, ids));
        Assert.All(steps.Where(s => s.Get("run") is not null), s => Assert.Equal("bash", s.Get("shell")?.Scalar));
        Assert.All(steps.Where(s => s.Get("run") is { } run && run.Scalar!.Contains("${{", StringComparison.Ordinal)), s =>
            Assert.Fail("a run script interpolates an expression (use env: instead, against script injection): " + s.Get("run")!.Scalar));
        Assert.All(action.Get("outputs")!.Entries, o => Assert.Matches(@"^\$\{\{ steps\.\w+\.outputs\.[\w-]+ \}\}$", o.Value.Get("value")!.Scalar!));
    }

    [Fact]
    public void WorkflowsPassTheActionOnlyDeclaredInputs()
    {
        var inputs = Read(ActionFile).Get("inputs")!.Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var uses = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, ".github", "workflows"), "*.yml"))
        {
            foreach (var job in Read(file).Get("jobs")!.Entries)
            {
                foreach (var step in job.Value.Get("steps")!.Items.Where(s => s.Get("uses")?.Scalar == "./.github/actions/evalharness"))
                {
                    uses++;
                    Assert.All(step.Get("with")!.Entries, w => Assert.True(inputs.Contains(w.Key), Path.GetFileName(file) + ": unknown input '" + w.Key + "'"));
                }
            }
        }

        Assert.True(uses >= 3, "the PR and nightly workflows use the action");
    }

    [GeneratedRegex(@"inputs\.([\w-]+)")]
    private static partial Regex InputReference();

    [GeneratedRegex(@"steps\.([\w-]+)\.outputs")]
    private static partial Regex StepReference();
}
