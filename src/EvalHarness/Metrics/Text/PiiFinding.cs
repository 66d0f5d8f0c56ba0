namespace EvalHarness.Metrics.Text;

/// <summary>One piece of personal data: its kind and where it is (UTF-16 index and length, as .NET string positions).</summary>
internal sealed record PiiFinding(string Kind, int Index, int Length);
