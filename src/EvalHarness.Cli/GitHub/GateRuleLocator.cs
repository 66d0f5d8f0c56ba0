using EvalHarness.Suites;

namespace EvalHarness.Cli.GitHub;

/// <summary>Finds where a gate rule is written in a suite file, so a suite-level annotation points at the rule that decided it.</summary>
internal static class GateRuleLocator
{
    /// <summary>The line and column of the rule behind <paramref name="check"/>: its key under <c>gate:</c>, else <c>gate:</c>, else line 1.</summary>
    public static (int Line, int Column) Find(string suiteFile, string check)
    {
        ConfigNode? root;
        try
        {
            root = File.Exists(suiteFile) ? YamlConfigReader.Read(File.ReadAllText(suiteFile), suiteFile, new List<ConfigError>()) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            root = null;
        }

        if (root is not { Kind: ConfigNodeKind.Mapping })
        {
            return (1, 0);
        }

        var gate = root.Get("gate");
        if (gate is not { Kind: ConfigNodeKind.Mapping })
        {
            // No gate: every case must pass, so the suite's metrics are what decided.
            return At(root, gate is null ? (root.Get("metrics") is null ? null : "metrics") : "gate");
        }

        var parts = check.Split('.');
        if (parts is ["metrics", var metric, var rule] && gate.Get("metrics")?.Get(metric) is { Kind: ConfigNodeKind.Mapping } floors)
        {
            return floors.Get(rule) is null ? At(floors, null) : At(floors, rule);
        }

        var key = parts[0] switch
        {
            "budget_usd_warning" => "budget_usd",
            "dangling_snapshots" => "snapshots",
            "baseline" or "different_ruler" => gate.Get("regression") is null ? gate.Get("drift") is null ? null : "drift" : "regression",
            var name => name,
        };
        return key is not null && gate.Get(key) is not null ? At(gate, key) : At(root, "gate");
    }

    private static (int Line, int Column) At(ConfigNode mapping, string? key)
    {
        var location = key is null ? mapping.Location : mapping.KeyLocation(key);
        return (Math.Max(location.Line, 1), location.Column);
    }
}
