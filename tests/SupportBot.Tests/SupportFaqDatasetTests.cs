using System.Text.RegularExpressions;

namespace Acme.Support.Tests;

public sealed partial class SupportFaqDatasetTests
{
    /// <summary>
    /// The BM25 bot answered 72 of the 86 rows with every expected keyword (0.837) when the dataset was written; it is
    /// meant to fail some rows (paraphrases, out-of-scope traps). Below this floor, retrieval or composition has regressed.
    /// </summary>
    private const double MinimumKeywordPassRate = 0.75;

    private static readonly IReadOnlyList<FaqCase> Cases = FaqCase.LoadAll();

    [Fact]
    public void RowsAreWellFormed()
    {
        Assert.InRange(Cases.Count, 45, 500);
        Assert.Equal(Cases.Count, Cases.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Cases, c =>
        {
            var at = $"{FaqCase.DatasetFile}({c.Line}) {c.Id}";
            Assert.True(KebabCase().IsMatch(c.Id), $"{at}: id is not kebab-case");
            Assert.False(string.IsNullOrWhiteSpace(c.Question), $"{at}: question is empty");
            Assert.False(string.IsNullOrWhiteSpace(c.Answer), $"{at}: answer is empty");
            Assert.True(c.ExpectedKeywords.Count is >= 1 and <= 3, $"{at}: expected_keywords needs 1 to 3 items");
            Assert.All(c.ExpectedKeywords, k => Assert.False(string.IsNullOrWhiteSpace(k), $"{at}: empty keyword"));
            Assert.NotEmpty(c.Tags);
            Assert.True(c.IsOutOfScope ? c.Docs.Count == 0 : c.Docs.Count > 0, $"{at}: docs must be empty exactly for out-of-scope rows");
        });
        Assert.InRange(Cases.Count(c => c.IsOutOfScope), 5, 10);
    }

    [Fact]
    public void DocsQuoteTheKnowledgeBaseAndContainTheKeywords()
    {
        var sections = KnowledgeBase.LoadEmbedded().Sections.Select(s => (s.ArticleTitle, s.Text)).ToHashSet();

        Assert.All(Cases.Where(c => !c.IsOutOfScope), c =>
        {
            var at = $"{FaqCase.DatasetFile}({c.Line}) {c.Id}";
            Assert.All(c.Docs, d => Assert.True(sections.Contains(d), $"{at}: doc '{d.Title}' is not a section of the knowledge base"));
            Assert.All(c.ExpectedKeywords, k => Assert.True(
                c.Docs.Any(d => d.Text.Contains(k, StringComparison.Ordinal)), $"{at}: keyword '{k}' is not worded so in its docs"));
        });
    }

    [Fact]
    public async Task BotAnswersContainTheExpectedKeywordsOftenEnough()
    {
        var bot = new SupportBot();
        var failed = new List<string>();
        foreach (var c in Cases)
        {
            var answer = (await bot.AnswerAsync(c.Question, TestContext.Current.CancellationToken)).Text;
            if (!c.ExpectedKeywords.All(k => answer.Contains(k, StringComparison.OrdinalIgnoreCase)))
            {
                failed.Add(c.Id);
            }
        }

        var passRate = (double)(Cases.Count - failed.Count) / Cases.Count;
        TestContext.Current.SendDiagnosticMessage($"keyword pass rate {passRate:0.000}; failed: {string.Join(", ", failed)}");
        Assert.True(
            passRate >= MinimumKeywordPassRate,
            $"Keyword pass rate {passRate:0.000} is below {MinimumKeywordPassRate:0.00}. Failed rows: {string.Join(", ", failed)}");
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KebabCase();
}
