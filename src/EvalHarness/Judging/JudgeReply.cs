namespace EvalHarness.Judging;

/// <summary>A usable judge answer: the value read, the text it was read from, and the first, unusable answer when a repair was needed.</summary>
internal sealed record JudgeReply<T>(T Value, string Text, string? UnusableFirst)
{
    public bool Repaired => UnusableFirst is not null;
}
