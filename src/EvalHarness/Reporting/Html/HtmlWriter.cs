using System.Text;

namespace EvalHarness.Reporting.Html;

/// <summary>
/// Builds HTML where every piece of text and every attribute value is escaped; only tag and attribute names (constants in this
/// code, never data) and the report's own assets go in raw.
/// </summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _html = new(64 * 1024);

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
        return this;
    }

    public HtmlWriter Element(string tag, string? text, params (string Name, string? Value)[] attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    public override string ToString() => _html.ToString();

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
