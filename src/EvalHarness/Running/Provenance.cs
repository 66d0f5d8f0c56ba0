using System.Reflection;

namespace EvalHarness.Running;

/// <summary>Where a run came from: the harness version and the git commit, read without spawning git.</summary>
public static class Provenance
{
    /// <summary>The harness's informational version (without build metadata).</summary>
    public static string HarnessVersion { get; } =
        typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The commit checked out in the repository containing <paramref name="directory"/>, or null.</summary>
    public static string? GitCommit(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (!Directory.Exists(git))
            {
                continue;
            }

            try
            {
                var head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
                if (!head.StartsWith("ref: ", StringComparison.Ordinal))
                {
                    return head;
                }

                var reference = head[5..];
                var loose = Path.Combine(git, reference);
                if (File.Exists(loose))
                {
                    return File.ReadAllText(loose).Trim();
                }

                var packed = Path.Combine(git, "packed-refs");
                return File.Exists(packed)
                    ? File.ReadLines(packed).Select(l => l.Split(' ')).FirstOrDefault(p => p.Length == 2 && p[1] == reference)?[0]
                    : null;
            }
            catch (IOException)
            {
                return null;
            }
        }

        return null;
    }
}
