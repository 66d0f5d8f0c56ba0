namespace EvalHarness;

/// <summary>
/// Binds a <c>partial</c> test class to a suite file. The EvalHarness source generator completes the class with one test per
/// dataset case and a <c>Gate</c> test, calling the class's <see cref="EvalTargetAttribute"/> method as the system under test.
/// </summary>
/// <example>
/// <code>
/// [EvalSuite("eval-suites/support-faq/suite.yaml")]
/// public partial class SupportFaqEvals(SupportBot bot)
/// {
///     [EvalTarget]
///     public Task&lt;ChatResponse&gt; AnswerAsync(EvalCase c, CancellationToken ct) =&gt; bot.AnswerAsync(c.Input, ct);
/// }
/// </code>
/// </example>
/// <param name="path">The suite file, relative to the project folder (as listed in <c>AdditionalFiles</c>).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EvalSuiteAttribute(string path) : Attribute
{
    /// <summary>The suite file, relative to the project folder.</summary>
    public string Path { get; } = path;
}
