using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EvalHarness.Metrics.Text;

/// <summary>
/// The Penn Treebank word tokenizer as js-rouge 3.2 applies it (and so promptfoo's <c>rouge-n</c>): punctuation, brackets and
/// contractions become their own tokens, double quotes become <c>``</c> or <c>''</c>.
/// </summary>
/// <remarks>Written from the published Treebank rules and js-rouge's documented behaviour; footnote-marker quote heuristics are not reproduced.</remarks>
internal static partial class TreebankTokenizer
{
    private const string WordChar = @"[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\u200c\u200d]";

    private static readonly (Regex Pattern, string Replacement)[] Spacing =
    [
        (Ellipsis(), " ... "),
        (ColonOrComma(), " $0 "),
        (Symbols(), " $0 "),
        (FinalPeriod(), "$1 $2$3 "),
        (QuestionOrBang(), " $0 "),
        (Brackets(), " $0 "),
        (DoubleDash(), " -- "),
    ];

    private static readonly Regex[] Contractions =
    [
        Contraction("(can)(not)"), Contraction("(d)('ye)"), Contraction("(gim)(me)"), Contraction("(gon)(na)"), Contraction("(got)(ta)"),
        Contraction("(lem)(me)"), Contraction("(more)('n)"), Contraction("(wan)(na)(?= )"), Contraction("('t)(is)"), Contraction("('t)(was)"),
    ];

    public static List<string> Tokenize(string input)
    {
        var text = JsWhiteSpaceRun().Replace(input, " ").Trim(' ');
        if (text.Length == 0)
        {
            return [];
        }

        var parse = MarkQuotes(text);
        foreach (var (pattern, replacement) in Spacing)
        {
            parse = pattern.Replace(parse, replacement);
        }

        parse = " " + parse + " ";
        parse = ClosingApostrophe().Replace(parse, "$1 ' ");
        parse = ApostropheSuffix().Replace(parse, " '$1 ");
        parse = ContractionSuffix().Replace(parse, " $1 ");
        foreach (var contraction in Contractions)
        {
            parse = contraction.Replace(parse, " $1 $2 ");
        }

        parse = Spaces().Replace(parse, " ");
        if (parse.StartsWith(' '))
        {
            parse = parse[1..];
        }

        if (parse.EndsWith(' '))
        {
            parse = parse[..^1];
        }

        return [.. parse.Split(' ')];
    }

    // Each `` '' or " becomes an opening (``) or closing ('') quote depending on what surrounds it.
    private static string MarkQuotes(string text)
    {
        if (!text.Contains('"', StringComparison.Ordinal) && !text.Contains("``", StringComparison.Ordinal) && !text.Contains("''", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 8);
        var inside = false;
        var last = 0;
        foreach (var match in QuoteMark().EnumerateMatches(text))
        {
            var index = match.Index;
            var quote = text.AsSpan(index, match.Length);
            var previous = index > 0 ? text[index - 1] : '\0';
            var opens = !inside && (index == 0 || JsText.IsWhiteSpace(previous) || char.GetUnicodeCategory(previous) is >= UnicodeCategory.ConnectorPunctuation and <= UnicodeCategory.OtherPunctuation
                || previous == '<' || (index >= 2 && text.AsSpan(index - 2, 2) is "``"));
            inside = quote is "``" || (
                (index + quote.Length < text.Length || index == 0 || JsText.IsWhiteSpace(previous) || char.GetUnicodeCategory(previous) == UnicodeCategory.OpenPunctuation || previous == '<')
                && opens
                && previous is not ('.' or '!' or '?')
                && (quote is "\"" || (index > 0 && OpensWord(text, index + 2) && NextQuoteIsClosing(text, index + 2))));
            result.Append(text, last, index - last).Append(inside ? " `` " : " '' ");
            last = index + match.Length;
        }

        return result.Append(text, last, text.Length - last).ToString();
    }

    private static bool OpensWord(string text, int index)
    {
        if (index >= text.Length || Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return Rune.IsLetter(rune) || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.CurrencySymbol or UnicodeCategory.OpenPunctuation;
    }

    private static bool NextQuoteIsClosing(string text, int from)
    {
        var match = QuoteMark().Match(text, Math.Min(from, text.Length));
        return match.Success && match.Value == "''";
    }

    private static Regex Contraction(string pattern) =>
        new("(?<!" + WordChar + ")" + pattern + "(?!" + WordChar + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    [GeneratedRegex("[\\s\\uFEFF]+")]
    private static partial Regex JsWhiteSpaceRun();

    [GeneratedRegex("``|''|\"")]
    private static partial Regex QuoteMark();

    [GeneratedRegex("\\.{3}")]
    private static partial Regex Ellipsis();

    [GeneratedRegex("[:,](?!\\p{Nd})")]
    private static partial Regex ColonOrComma();

    [GeneratedRegex("[;@#$%&]")]
    private static partial Regex Symbols();

    [GeneratedRegex("([^.])(?<!(?:^|[^A-Za-z0-9_])[A-Za-z]\\.[A-Za-z])(\\.)([\\])}>' ]*)\\z")]
    private static partial Regex FinalPeriod();

    [GeneratedRegex("[?!]")]
    private static partial Regex QuestionOrBang();

    [GeneratedRegex("[\\]\\[(){}<>]")]
    private static partial Regex Brackets();

    [GeneratedRegex("--")]
    private static partial Regex DoubleDash();

    [GeneratedRegex("([^'])' ")]
    private static partial Regex ClosingApostrophe();

    [GeneratedRegex("'([sSmMdD]) ")]
    private static partial Regex ApostropheSuffix();

    [GeneratedRegex("('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ")]
    private static partial Regex ContractionSuffix();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
