namespace Acme.Support;

/// <summary>One <c>## heading</c> section of a knowledge-base article: the unit the bot retrieves and quotes.</summary>
/// <param name="articleTitle">The title of the article the section belongs to (its <c># title</c> line).</param>
/// <param name="heading">The section heading; for text before the first <c>##</c> heading, the article title.</param>
/// <param name="text">The section body as written in the Markdown file, trimmed, without the heading line.</param>
public sealed class KnowledgeBaseSection(string articleTitle, string heading, string text)
{
    /// <summary>The title of the article the section belongs to.</summary>
    public string ArticleTitle { get; } = articleTitle;

    /// <summary>The section heading, without the leading <c>##</c>.</summary>
    public string Heading { get; } = heading;

    /// <summary>The section body (Markdown), trimmed; never empty.</summary>
    public string Text { get; } = text;

    /// <inheritdoc />
    public override string ToString() => ArticleTitle + " > " + Heading;
}
