using System.CommandLine;
using System.Text;
using System.Xml.Linq;
using EvalHarness.Cli.Output;
using EvalHarness.Cli.Scaffolding;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness init &lt;name&gt; [--target output|prompt|code] [--project &lt;test.csproj&gt;] [--root &lt;dir&gt;] [--force]</c>: scaffolds a suite, its
/// dataset and (for a C# target) the test-project binding in an existing repository. Exits 0, or 2 when a name, path or existing file is in the way.
/// </summary>
internal static class InitCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("name") { Description = "The suite's name (letters, digits, '-', '_', '.'), e.g. support-faq" };
        var target = new Option<string?>("--target", "-t") { Description = "output (answers in the dataset; default) | prompt (a model) | code (a C# method; default with --project)" };
        var project = new Option<string?>("--project", "-p") { Description = "The xUnit v3 test project (.csproj) that binds the suite to C# code" };
        var root = new Option<string?>("--root") { Description = "The repository root holding eval-suites/ and datasets/ (default: the current folder)" };
        var force = new Option<bool>("--force") { Description = "Overwrite files that already exist" };
        var command = new Command("init", "Scaffold a suite, its dataset and the test-project binding in an existing repository") { name, target, project, root, force };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var suiteName = parse.GetValue(name)!;
            var repository = parse.GetValue(root) ?? ".";
            var projectFile = parse.GetValue(project);
            if (!SuiteScaffold.ValidName().IsMatch(suiteName))
            {
                return await Fail(error, "'" + suiteName + "' is not a suite name; use letters, digits, '-', '_' and '.' (starting with a letter or digit)").ConfigureAwait(false);
            }

            if (!Directory.Exists(repository))
            {
                return await Fail(error, "--root " + repository + ": no such folder (init adds a suite to an existing repository)").ConfigureAwait(false);
            }

            var kind = projectFile is null ? ScaffoldTarget.Output : ScaffoldTarget.Code;
            if (parse.GetValue(target) is { } given && (char.IsDigit(given.FirstOrDefault()) || !Enum.TryParse(given, ignoreCase: true, out kind) || !Enum.IsDefined(kind)))
            {
                return await Fail(error, "--target " + parse.GetValue(target) + " is not a target; use output, prompt or code").ConfigureAwait(false);
            }

            if (kind == ScaffoldTarget.Code && projectFile is null)
            {
                return await Fail(error, "--target code needs --project <test.csproj>: the project the [EvalSuite] class goes into").ConfigureAwait(false);
            }

            if (projectFile is not null && (!File.Exists(projectFile) || !projectFile.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)))
            {
                return await Fail(error, "--project " + projectFile + ": no such .csproj file").ConfigureAwait(false);
            }

            var scaffold = new SuiteScaffold(repository, suiteName, kind, kind == ScaffoldTarget.Code ? projectFile : null);
            var existing = scaffold.Files.Where(File.Exists).ToList();
            if (existing.Count > 0 && !parse.GetValue(force))
            {
                return await Fail(error, "not overwriting " + string.Join(", ", existing.Select(ShownPath.Of)) + " (pass --force to replace them)").ConfigureAwait(false);
            }

            var utf8 = new UTF8Encoding(false);
            async Task Write(string path, string text)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                await File.WriteAllTextAsync(path, text, utf8, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync("Created " + ShownPath.Of(path)).ConfigureAwait(false);
            }

            await Write(scaffold.SuiteFile, scaffold.SuiteText()).ConfigureAwait(false);
            await Write(scaffold.DatasetFile, scaffold.DatasetText()).ConfigureAwait(false);
            if (kind == ScaffoldTarget.Prompt)
            {
                await Write(scaffold.PromptFile, SuiteScaffold.PromptText()).ConfigureAwait(false);
            }

            var next = new List<string>();
            if (kind == ScaffoldTarget.Code)
            {
                var projectText = await File.ReadAllTextAsync(projectFile!, cancellationToken).ConfigureAwait(false);
                await Write(scaffold.BindingFile!, scaffold.BindingText(RootNamespace(projectFile!, projectText))).ConfigureAwait(false);
                if (scaffold.ProjectWithRoot(projectText) is { } updated)
                {
                    await File.WriteAllTextAsync(projectFile!, updated, utf8, cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync("Updated " + ShownPath.Of(projectFile!) + ": EvalHarnessRoot points at the repository root").ConfigureAwait(false);
                }

                if (!projectText.Contains("EvalHarness.Xunit", StringComparison.Ordinal))
                {
                    next.Add("dotnet add " + ShownPath.Of(projectFile!) + " package EvalHarness.Xunit");
                }

                next.Add("dotnet test --project " + ShownPath.Of(projectFile!) + "      # one test per case plus '" + suiteName + ": Gate'");
            }
            else
            {
                next.Add("evalharness doctor " + ShownPath.Of(scaffold.SuiteFile));
                if (kind == ScaffoldTarget.Prompt)
                {
                    next.Add("OPENAI_API_KEY=… EVALHARNESS_MODE=record evalharness run " + ShownPath.Of(scaffold.SuiteFile) + "   # once; commit the recordings");
                }

                next.Add("evalharness run " + ShownPath.Of(scaffold.SuiteFile));
            }

            // The scaffold must load with the same validation a run uses; a failure here is a bug in init, reported as bad input rather than hidden.
            try
            {
                Suite.Load(scaffold.SuiteFile);
            }
            catch (EvalConfigurationException ex)
            {
                return await Fail(error, "the scaffolded suite does not load: " + string.Join("; ", ex.Errors)).ConfigureAwait(false);
            }

            await output.WriteLineAsync("Next:").ConfigureAwait(false);
            foreach (var step in next)
            {
                await output.WriteLineAsync("  " + step).ConfigureAwait(false);
            }

            return ExitCodes.Passed;
        });
        return command;
    }

    private static string RootNamespace(string projectFile, string projectText)
    {
        try
        {
            var declared = XDocument.Parse(projectText).Descendants().FirstOrDefault(e => e.Name.LocalName == "RootNamespace")?.Value;
            if (!string.IsNullOrWhiteSpace(declared) && !declared.Contains('$', StringComparison.Ordinal))
            {
                return declared.Trim();
            }
        }
        catch (System.Xml.XmlException)
        {
            // An unreadable project file still gets a binding; its namespace then follows the file name, as MSBuild's default does.
        }

        var stem = Path.GetFileNameWithoutExtension(projectFile);
        return string.Concat(stem.Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : '_'));
    }

    private static async Task<int> Fail(TextWriter error, string message)
    {
        await error.WriteLineAsync("evalharness: " + message).ConfigureAwait(false);
        return ExitCodes.BadInput;
    }
}
