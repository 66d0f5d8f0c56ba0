namespace Acme.Support.EvalTests;

/// <summary>
/// One bot for all of a suite's tests. xUnit creates a fixture through its single public constructor, and
/// <see cref="SupportBot"/> has two, so the test class takes this fixture rather than the bot itself.
/// </summary>
public sealed class SupportBotFixture
{
    /// <summary>The bot over the bundled knowledge base.</summary>
    public SupportBot Bot { get; } = new();
}
