using System.Globalization;
using Microsoft.Extensions.AI;

namespace Acme.Support;

/// <summary>
/// The Acme Cloud Storage support bot: answers a question by finding the best help-center section with BM25 and quoting
/// the sentences of it that match the question best. No model, no network, no randomness.
/// </summary>
/// <remarks>
/// The same question always gets the same answer, byte for byte. When no section scores at least
/// <see cref="MinimumScore"/>, the bot says it does not know and points to human support instead of guessing.
/// </remarks>
public sealed class SupportBot
{
    /// <summary>The <see cref="ChatResponse.ModelId"/> of every answer.</summary>
    public const string ModelId = "supportbot-bm25-v1";

    /// <summary>The <see cref="ChatResponse.AdditionalProperties"/> key holding the retrieved section texts (<c>string[]</c>).</summary>
    public const string ContextKey = "context";

    /// <summary>The default for <see cref="MinimumScore"/>.</summary>
    public const double DefaultMinimumScore = 3.0;

    /// <summary>The answer given when nothing in the knowledge base matches well enough.</summary>
    public const string DontKnowAnswer =
        "I'm sorry, I don't know the answer to that. Please contact our human support team at support@acmecloud.example and they will help you.";

    private const int MaxSentences = 2;

    private readonly KnowledgeBase _knowledgeBase;
    private readonly Bm25Index _index;

    /// <summary>Creates a bot over the bundled Acme Cloud Storage help center.</summary>
    public SupportBot()
        : this(KnowledgeBase.LoadEmbedded())
    {
    }

    /// <summary>Creates a bot over the given knowledge base.</summary>
    /// <param name="knowledgeBase">The articles to answer from.</param>
    public SupportBot(KnowledgeBase knowledgeBase)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        _knowledgeBase = knowledgeBase;

        // The title and heading are indexed with the body so that a question naming the topic finds the section.
        _index = new Bm25Index([.. knowledgeBase.Sections.Select(s =>
            (IReadOnlyList<string>)TextAnalyzer.Terms(s.ArticleTitle + "\n" + s.Heading + "\n" + s.Text))]);
    }

    /// <summary>The lowest BM25 score of the best section for which the bot answers rather than saying it does not know.</summary>
    /// <remarks>Defaults to <see cref="DefaultMinimumScore"/>; 0 makes the bot answer whenever any section shares a term with the question.</remarks>
    public double MinimumScore { get; init; } = DefaultMinimumScore;

    /// <summary>Answers a support question.</summary>
    /// <param name="question">The customer's question, in English.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One assistant message: either "According to '&lt;article title&gt;': &lt;quoted sentences&gt;" or <see cref="DontKnowAnswer"/>.
    /// <see cref="ChatResponse.ModelId"/> is <see cref="ModelId"/>, <see cref="ChatResponse.Usage"/> is null (no model is called),
    /// and <c>AdditionalProperties[</c><see cref="ContextKey"/><c>]</c> holds the texts of the sections from <see cref="Retrieve"/>
    /// as a <c>string[]</c> (empty when no section shares a term with the question).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="question"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<ChatResponse> AnswerAsync(string question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        cancellationToken.ThrowIfCancellationRequested();

        var retrieved = Retrieve(question);
        var text = retrieved.Count == 0 || retrieved[0].Score < MinimumScore
            ? DontKnowAnswer
            : Compose(question, retrieved[0].Section);

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = ModelId,
            FinishReason = ChatFinishReason.Stop,
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [ContextKey] = retrieved.Select(r => r.Section.Text).ToArray(),
            },
        };
        return Task.FromResult(response);
    }

    /// <summary>Finds the sections that best match a question.</summary>
    /// <param name="question">The question.</param>
    /// <param name="top">How many sections to return at most; at least 1.</param>
    /// <returns>Sections with a score above zero, best first; ties keep knowledge-base order. Empty when nothing matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="question"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is less than 1.</exception>
    public IReadOnlyList<RetrievedSection> Retrieve(string question, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);

        var queryTerms = TextAnalyzer.Terms(question).Distinct(StringComparer.Ordinal).ToArray();
        if (queryTerms.Length == 0)
        {
            return [];
        }

        return [.. Enumerable.Range(0, _index.Count)
            .Select(i => (Index: i, Score: _index.Score(i, queryTerms)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Index)
            .Take(top)
            .Select(x => new RetrievedSection(_knowledgeBase.Sections[x.Index], x.Score))];
    }

    private string Compose(string question, KnowledgeBaseSection section)
    {
        var questionTerms = TextAnalyzer.Terms(question).ToHashSet(StringComparer.Ordinal);
        var uncovered = new HashSet<string>(questionTerms, StringComparer.Ordinal);
        var sentences = SentenceSplitter.Split(section.Text);
        var sentenceTerms = sentences.Select(s => TextAnalyzer.Terms(s).ToHashSet(StringComparer.Ordinal)).ToList();

        // Each pick is the sentence adding the most IDF of question terms not yet quoted, then the one matching the most
        // IDF overall (earliest on ties): a second sentence prefers a part of the question the first did not answer.
        var chosen = new List<int>();
        while (chosen.Count < MaxSentences)
        {
            var best = -1;
            (double Gain, double Score) bestKey = (0, 0);
            for (var i = 0; i < sentences.Count; i++)
            {
                var score = sentenceTerms[i].Where(questionTerms.Contains).Sum(_index.Idf);
                var gain = sentenceTerms[i].Where(uncovered.Contains).Sum(_index.Idf);
                if (!chosen.Contains(i) && score > 0 && (best < 0 || gain > bestKey.Gain || (gain == bestKey.Gain && score > bestKey.Score)))
                {
                    best = i;
                    bestKey = (gain, score);
                }
            }

            if (best < 0)
            {
                break;
            }

            chosen.Add(best);
            uncovered.ExceptWith(sentenceTerms[best]);
        }

        if (chosen.Count == 0)
        {
            chosen.Add(0); // the question matched only the title or heading: the first sentence introduces the topic
        }

        chosen.Sort();
        var quote = string.Join(' ', chosen.Select(i => sentences[i]));
        return string.Create(CultureInfo.InvariantCulture, $"According to '{section.ArticleTitle}': {quote}");
    }
}
