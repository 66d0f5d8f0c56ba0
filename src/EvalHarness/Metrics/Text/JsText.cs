using System.Globalization;

namespace EvalHarness.Metrics.Text;

/// <summary>JavaScript's string semantics, for metrics that must behave as promptfoo's (which runs on Node).</summary>
internal static class JsText
{
    /// <summary>JavaScript's <c>\s</c> and <c>trim()</c> set: .NET's white space without U+0085, plus U+FEFF.</summary>
    public static bool IsWhiteSpace(char c) => c == '\uFEFF' || (c != '\u0085' && char.IsWhiteSpace(c));

    /// <summary><c>String.prototype.trim</c>.</summary>
    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>Counts the tokens of <c>text.trim().split(/\s+/)</c> without materialising them.</summary>
    /// <remarks>An empty or blank text gives one (empty) token, as JavaScript's split does.</remarks>
    public static int CountSplitTokens(ReadOnlySpan<char> text)
    {
        var trimmed = Trim(text);
        var count = 1;
        var inSpace = false;
        foreach (var c in trimmed)
        {
            var space = IsWhiteSpace(c);
            if (space && !inSpace)
            {
                count++;
            }

            inSpace = space;
        }

        return count;
    }

    /// <summary>Lower-cases into a pooled buffer (Unicode simple case mapping; JavaScript's full mapping differs only for a few letters such as U+0130).</summary>
    public static PooledText ToLower(ReadOnlySpan<char> text)
    {
        var buffer = new PooledText(text.Length);
        text.ToLowerInvariant(buffer.Span);
        return buffer;
    }

    /// <summary>Formats a number as JavaScript's <c>String(number)</c> does (shortest round-trip digits, exponent from 1e21 and below 1e-6).</summary>
    public static string FormatNumber(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        var body = negative ? shortest[1..] : shortest;
        var exponentAt = body.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? body : body[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(body[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = (point < 0 ? mantissa : mantissa.Remove(point, 1)).TrimStart('0');
        var leadingZeros = (point < 0 ? mantissa : mantissa.Remove(point, 1)).Length - digits.Length;
        digits = digits.TrimEnd('0');
        var integerDigits = (point < 0 ? mantissa.Length : point) + exponent - leadingZeros;

        // integerDigits is JavaScript's n in Number::toString: the decimal point sits after n digits.
        string result;
        if (integerDigits >= digits.Length && integerDigits <= 21)
        {
            result = digits + new string('0', integerDigits - digits.Length);
        }
        else if (integerDigits > 0 && integerDigits <= 21)
        {
            result = digits[..integerDigits] + "." + digits[integerDigits..];
        }
        else if (integerDigits > -6 && integerDigits <= 0)
        {
            result = "0." + new string('0', -integerDigits) + digits;
        }
        else
        {
            var e = integerDigits - 1;
            var sign = e >= 0 ? "+" : "-";
            result = (digits.Length == 1 ? digits : digits[..1] + "." + digits[1..]) + "e" + sign + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        }

        return negative ? "-" + result : result;
    }
}
