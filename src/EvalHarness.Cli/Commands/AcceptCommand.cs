using System.CommandLine;
using EvalHarness.Baselines;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness accept [suites…] [--suite name]…</c>: makes each suite's received files (<c>.received.</c>) its verified baseline and
/// snapshots, so the change shows up as a diff to commit. Exits 0, or 2 when a suite cannot be found or read.
/// </summary>
internal static class AcceptCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        CreateReceivedFilesCommand("accept", "Accept the received baselines and snapshots of suites (the files a differing run wrote)", "accepted",
            BaselineFiles.Accept, output, error);

    /// <summary>The shape <c>accept</c> and <c>reject</c> share: find suites, pick them by name, act on each one's received files.</summary>
    public static Command CreateReceivedFilesCommand(string name, string description, string verb, Func<string, string, IReadOnlyList<string>> act, TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("suites")
        {
            Description = "Suite files, or folders searched for suite.yaml (default: eval-suites, else the current folder)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var suiteNames = new Option<string[]>("--suite", "-s") { Description = "Only the suite with this name (repeatable)" };
        var command = new Command(name, description) { paths, suiteNames };
        command.SetAction(async (parse, _) =>
        {
            var roots = parse.GetValue(paths) is { Length: > 0 } given ? given : [Directory.Exists("eval-suites") ? "eval-suites" : "."];
            var suites = new List<(string Name, string File)>();
            foreach (var file in SuiteFiles.Expand(roots))
            {
                if (ReadName(file) is not { } suiteName)
                {
                    await error.WriteLineAsync("evalharness: " + Shown(file) + ": not a suite file with a 'name:'").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                suites.Add((suiteName, file));
            }

            var wanted = parse.GetValue(suiteNames) ?? [];
            if (wanted.FirstOrDefault(w => suites.All(s => s.Name != w)) is { } missing)
            {
                await error.WriteLineAsync("evalharness: no suite named '" + missing + "' in " + string.Join(", ", roots) +
                    (suites.Count == 0 ? string.Empty : " (found: " + string.Join(", ", suites.Select(s => s.Name)) + ")")).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var changed = 0;
            foreach (var (suiteName, file) in suites.Where(s => wanted.Length == 0 || wanted.Contains(s.Name)))
            {
                var directory = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, "baselines");
                foreach (var path in act(directory, suiteName))
                {
                    await output.WriteLineAsync(verb + " " + Shown(path)).ConfigureAwait(false);
                    changed++;
                }
            }

            if (changed == 0)
            {
                await output.WriteLineAsync("nothing to " + name + ": no received files").ConfigureAwait(false);
            }

            return ExitCodes.Passed;
        });
        return command;
    }

    /// <summary>A path as the user sees it: relative to the current folder when below it, with '/' separators.</summary>
    public static string Shown(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative).Replace('\\', '/');
    }

    // Only the name is needed, so custom metrics (unknown to this tool) must not make the file unreadable.
    private static string? ReadName(string file)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var root = YamlConfigReader.Read(File.ReadAllText(file), Shown(file), new List<ConfigError>());
        return root?.Kind == ConfigNodeKind.Mapping && root.Get("name") is { Kind: ConfigNodeKind.Scalar } node ? node.Scalar : null;
    }
}
