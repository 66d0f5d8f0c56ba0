using System.Reflection;

namespace Acme.Support;

/// <summary>The articles the bot answers from.</summary>
public sealed class KnowledgeBase
{
    private const string ResourcePrefix = "KnowledgeBase/";

    /// <summary>Creates a knowledge base from parsed articles.</summary>
    /// <param name="articles">The articles, in the order used to break retrieval ties; at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="articles"/> is empty.</exception>
    public KnowledgeBase(IEnumerable<KnowledgeBaseArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        Articles = [.. articles];
        if (Articles.Count == 0)
        {
            throw new ArgumentException("A knowledge base needs at least one article.", nameof(articles));
        }

        Sections = [.. Articles.SelectMany(a => a.Sections)];
    }

    /// <summary>The articles, in the order given.</summary>
    public IReadOnlyList<KnowledgeBaseArticle> Articles { get; }

    /// <summary>Every section of every article, in article order.</summary>
    public IReadOnlyList<KnowledgeBaseSection> Sections { get; }

    /// <summary>Loads the Acme Cloud Storage help center bundled in this assembly (<c>KnowledgeBase/*.md</c>).</summary>
    /// <returns>The articles, ordered by file name (ordinal) so that loading is deterministic.</returns>
    public static KnowledgeBase LoadEmbedded()
    {
        var assembly = typeof(KnowledgeBase).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        return new KnowledgeBase(names.Select(n => KnowledgeBaseArticle.Parse(n, ReadResource(assembly, n))));
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
