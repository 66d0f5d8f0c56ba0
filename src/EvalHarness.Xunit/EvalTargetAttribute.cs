namespace EvalHarness;

/// <summary>
/// Marks the method of an <see cref="EvalSuiteAttribute"/> class that produces each case's output. Accepted signatures:
/// <c>Task&lt;ChatResponse&gt; M(EvalCase c, CancellationToken ct)</c>, <c>Task&lt;ChatResponse&gt; M(EvalCase c)</c>, and the same
/// returning <c>ValueTask&lt;ChatResponse&gt;</c>; the analyzer reports any other shape as EVH012.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class EvalTargetAttribute : Attribute;
