using System.Text;

namespace EvalHarness.Reporting.Html;

/// <summary>
/// Builds HTML where every piece of text and every attribute value is escaped; only tag and attribute names (constants in this
/// code, never data) and the report's own assets go in raw.
/// </summary>
/// <remarks>With a sink, finished elements go to it in 32 KB pieces, so a large report never sits in memory whole.</remarks>
internal sealed class HtmlWriter(TextWriter? sink = null)
{
    private const int FlushAt = 32 * 1024;
    private readonly StringBuilder _html = new(FlushAt + 1024);

    public HtmlWriter Raw(string html)
    {
        _html.Append(html);
        return this;
    }

    public HtmlWriter Text(string? text)
    {
        Escape(_html, text);
        return this;
    }

    public HtmlWriter Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _html.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null)
            {
                continue;
            }

            _html.Append(' ').Append(name).Append("=\"");
            Escape(_html, value);
            _html.Append('"');
        }

        _html.Append('>');
        return this;
    }

    public HtmlWriter Close(string tag)
    {
        _html.Append("</").Append(tag).Append('>');
        if (sink is not null && _html.Length >= FlushAt)
        {
            Flush();
        }

        return this;
    }

    /// <summary>Writes what is buffered to the sink.</summary>
    public void Flush()
    {
        if (sink is null)
        {
            return;
        }

        foreach (var chunk in _html.GetChunks())
        {
            sink.Write(chunk.Span);
        }

        _html.Clear();
    }

    public HtmlWriter Element(string tag, string? text, params (string Name, string? Value)[] attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    /// <summary>The HTML so far; only for a writer without a sink.</summary>
    public override string ToString() => sink is null ? _html.ToString() : throw new InvalidOperationException("this writer streams to its sink");

    /// <summary>Escapes text for element content and double- or single-quoted attribute values.</summary>
    public static string Escape(string? text)
    {
        var sb = new StringBuilder(text?.Length ?? 0);
        Escape(sb, text);
        return sb.ToString();
    }

    private static void Escape(StringBuilder html, string? text)
    {
        if (text is null)
        {
            return;
        }

        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                case '\0': html.Append('\uFFFD'); break;
                default: html.Append(ch); break;
            }
        }
    }
}
