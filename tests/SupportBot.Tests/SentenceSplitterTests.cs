namespace Acme.Support.Tests;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void SplitsAtSentenceEndsButNotInsideNumbersOrHostNames() =>
        Assert.Equal(
            ["It costs $4.99 per month.", "Check status.acmecloud.example now!", "TLS 1.3 is used?", "Yes."],
            SentenceSplitter.Split("It costs $4.99 per month. Check status.acmecloud.example now! TLS 1.3 is used? Yes."));

    [Fact]
    public void ListItemsAreSentencesWithoutMarkdown() =>
        Assert.Equal(
            ["Intro line.", "First item", "Second item", "Third item"],
            SentenceSplitter.Split("Intro line.\n\n- **First** item\n* Second `item`\n3. Third item\n"));
}
