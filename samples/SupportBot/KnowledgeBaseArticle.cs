namespace Acme.Support;

/// <summary>A help-center article: a Markdown file with one <c># title</c> line and <c>## heading</c> sections.</summary>
public sealed class KnowledgeBaseArticle
{
    private KnowledgeBaseArticle(string source, string title, IReadOnlyList<KnowledgeBaseSection> sections)
    {
        Source = source;
        Title = title;
        Sections = sections;
    }

    /// <summary>Where the article came from (a file or resource name), used in error messages.</summary>
    public string Source { get; }

    /// <summary>The article title, from its <c># title</c> line.</summary>
    public string Title { get; }

    /// <summary>The article's non-empty sections, in file order.</summary>
    public IReadOnlyList<KnowledgeBaseSection> Sections { get; }

    /// <summary>Parses one article.</summary>
    /// <param name="source">A name for the article's origin (for example its file name), used in error messages.</param>
    /// <param name="markdown">The Markdown text: blank lines, then <c># Title</c>, then text and <c>## Heading</c> sections.</param>
    /// <returns>The article; text before the first <c>##</c> heading becomes a section headed by the title.</returns>
    /// <exception cref="FormatException">The text has no <c># title</c> line first, a heading is empty, or there is no section text;
    /// the message names <paramref name="source"/> and the line.</exception>
    public static KnowledgeBaseArticle Parse(string source, string markdown)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(markdown);

        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string? title = null;
        string? heading = null;
        var body = new List<string>();
        var sections = new List<KnowledgeBaseSection>();

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var lineNumber = i + 1;
            if (title is null)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                if (!IsHeading(line, "#") || line[1..].Trim().Length == 0)
                {
                    throw Error(source, lineNumber, "an article must start with a '# Title' line");
                }

                title = line[1..].Trim();
                heading = title;
                continue;
            }

            if (IsHeading(line, "#"))
            {
                throw Error(source, lineNumber, "an article has exactly one '# Title' line; use '## Heading' for sections");
            }

            if (IsHeading(line, "##"))
            {
                AddSection(sections, title, heading!, body);
                heading = line[2..].Trim();
                if (heading.Length == 0)
                {
                    throw Error(source, lineNumber, "a '## ' heading needs text");
                }

                body.Clear();
                continue;
            }

            body.Add(line);
        }

        if (title is null)
        {
            throw Error(source, 1, "the article is empty; it must start with a '# Title' line");
        }

        AddSection(sections, title, heading!, body);
        if (sections.Count == 0)
        {
            throw Error(source, lines.Length, "the article has no text");
        }

        return new KnowledgeBaseArticle(source, title, sections);
    }

    // "## Heading", or a bare "##" (trailing spaces are already trimmed) so that an empty heading is reported, not kept as text.
    private static bool IsHeading(string line, string marker) =>
        line.StartsWith(marker, StringComparison.Ordinal) && (line.Length == marker.Length || line[marker.Length] == ' ');

    private static void AddSection(List<KnowledgeBaseSection> sections, string title, string heading, List<string> body)
    {
        var text = string.Join('\n', body).Trim();
        if (text.Length > 0)
        {
            sections.Add(new KnowledgeBaseSection(title, heading, text));
        }
    }

    private static FormatException Error(string source, int line, string message) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{source}({line},1): {message}"));
}
