namespace EvalHarness.Judging;

/// <summary>A judge answer read into <typeparamref name="T"/>, or why it could not be: unusable (worth one repair request) or out of range (an error at once).</summary>
internal readonly record struct Parsed<T>(T? Value, string? Problem, bool Repairable)
{
    public bool IsOk => Problem is null;

    public static Parsed<T> Ok(T value) => new(value, null, false);

    public static Parsed<T> Unusable(string problem) => new(default, problem, true);

    public static Parsed<T> OutOfRange(string problem) => new(default, problem, false);
}
