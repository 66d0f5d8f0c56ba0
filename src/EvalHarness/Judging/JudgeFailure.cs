namespace EvalHarness.Judging;

/// <summary>A judge metric cannot reach a score: the reason becomes an <see cref="Verdict.Error"/> (or, when nothing could be asked, an
/// <see cref="Verdict.Inconclusive"/>) result — never a pass.</summary>
internal sealed class JudgeFailure(Verdict verdict, string reason, string kind, bool isInfrastructure = false, string? raw = null, string? repairRaw = null)
    : Exception(reason)
{
    public const string Infrastructure = "infrastructure";
    public const string Provider = "provider";
    public const string Recording = "recording";
    public const string Answer = "answer";
    public const string Input = "input";
    public const string Skipped = "skipped";

    public Verdict Verdict => verdict;

    public string Kind => kind;

    public bool IsInfrastructure => isInfrastructure;

    public string? Raw => raw;

    public string? RepairRaw => repairRaw;

    public static JudgeFailure Error(string reason, string kind, string? raw = null, string? repairRaw = null) => new(Verdict.Error, reason, kind, raw: raw, repairRaw: repairRaw);
}
