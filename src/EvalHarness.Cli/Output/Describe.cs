using System.Globalization;
using EvalHarness.Running;

namespace EvalHarness.Cli.Output;

/// <summary>Shared wording of run output.</summary>
internal static class Describe
{
    public static string CaseLine(string dataset, CaseResult result)
    {
        var why = result.Error ?? string.Join("; ", result.Metrics.Where(m => m.Verdict != Verdict.Pass).Select(m => m.Name + ": " + m.Reason));
        return result.Verdict.ToContractString().ToUpperInvariant() + " " + result.Id + " (" + dataset + ":" +
            result.Line.ToString(CultureInfo.InvariantCulture) + "): " + Truncate(why, 240);
    }

    public static string SuiteTotals(SuiteResult result)
    {
        var a = result.Aggregates;
        var rate = a.PassRate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
        return result.Name + ": " + a.Cases + " cases — " + a.Passed + " pass, " + a.Failed + " fail, " + a.Inconclusive + " inconclusive, " +
            a.Errors + " error (pass rate " + rate + "); gate " + result.Verdict.ToContractString();
    }

    public static string ExitCode(int code) => code switch
    {
        ExitCodes.Passed => "passed",
        ExitCodes.GateFailed => "a gate failed",
        ExitCodes.BadInput => "bad input or configuration (see the errors above)",
        ExitCodes.Infrastructure => "an endpoint was unreachable",
        _ => "unknown",
    };

    private static string Truncate(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..max] + "…";
    }
}
