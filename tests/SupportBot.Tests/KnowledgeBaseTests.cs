namespace Acme.Support.Tests;

public sealed class KnowledgeBaseTests
{
    [Fact]
    public void EmbeddedHelpCenterHasTwelveArticlesOrderedByFileName()
    {
        var kb = KnowledgeBase.LoadEmbedded();

        Assert.Equal(12, kb.Articles.Count);
        Assert.Equal("KnowledgeBase/api-rate-limits.md", kb.Articles[0].Source);
        Assert.Equal("API rate limits", kb.Articles[0].Title);
        Assert.Equal(kb.Articles.Count, kb.Articles.Select(a => a.Title).Distinct(StringComparer.Ordinal).Count());
        Assert.All(kb.Articles, a => Assert.InRange(a.Sections.Count, 2, 5));
        Assert.Equal(kb.Articles.Sum(a => a.Sections.Count), kb.Sections.Count);
    }

    [Fact]
    public void ParseSplitsSectionsAtLevelTwoHeadings()
    {
        var article = KnowledgeBaseArticle.Parse("faq.md", "\n# Widgets\n\nIntro text.\n\n## Colours\n\nRed and blue.\n\n## Sizes\nSmall.\nLarge.\n");

        Assert.Equal("Widgets", article.Title);
        Assert.Collection(
            article.Sections,
            s => Assert.Equal(("Widgets", "Widgets", "Intro text."), (s.ArticleTitle, s.Heading, s.Text)),
            s => Assert.Equal(("Widgets", "Colours", "Red and blue."), (s.ArticleTitle, s.Heading, s.Text)),
            s => Assert.Equal(("Widgets", "Sizes", "Small.\nLarge."), (s.ArticleTitle, s.Heading, s.Text)));
    }

    [Fact]
    public void ParseSkipsEmptySections()
    {
        var article = KnowledgeBaseArticle.Parse("faq.md", "# Widgets\n## Empty\n\n## Full\nText.");

        Assert.Equal("Full", Assert.Single(article.Sections).Heading);
    }

    [Theory]
    [InlineData("Just text.", "faq.md(1,1): an article must start with a '# Title' line")]
    [InlineData("\n\n## Heading\nText.", "faq.md(3,1): an article must start with a '# Title' line")]
    [InlineData("# A\nText.\n# B\nMore.", "faq.md(3,1): an article has exactly one '# Title' line; use '## Heading' for sections")]
    [InlineData("# A\n## \nText.", "faq.md(2,1): a '## ' heading needs text")]
    [InlineData("# A\n\n## Empty\n", "faq.md(4,1): the article has no text")]
    [InlineData("", "faq.md(1,1): the article is empty; it must start with a '# Title' line")]
    public void ParseRejectsMalformedArticlesNamingFileAndLine(string markdown, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => KnowledgeBaseArticle.Parse("faq.md", markdown)).Message);

    [Fact]
    public void KnowledgeBaseNeedsAnArticle() =>
        Assert.Throws<ArgumentException>(() => new KnowledgeBase([]));
}
