using System.Text.RegularExpressions;

namespace EvalHarness.Metrics.Text;

/// <summary>Finds personal data in text: e-mail addresses, phone numbers, US SSNs, payment card numbers (Luhn), IBANs (mod 97) and IPv4 addresses.</summary>
/// <remarks>
/// Every detector runs and overlapping findings are resolved by priority (card, IBAN, SSN, e-mail, IPv4, phone) before filtering by kind,
/// so a card number is never reported as a phone number when only phones are asked for. Digits are ASCII only.
/// </remarks>
internal static partial class PiiDetector
{
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Ssn = "ssn";
    public const string CreditCard = "credit_card";
    public const string Iban = "iban";
    public const string IPv4 = "ipv4";

    /// <summary>Every kind, in priority order.</summary>
    public static readonly IReadOnlyList<string> Kinds = [CreditCard, Iban, Ssn, Email, IPv4, Phone];

    // ISO 13616 IBAN lengths by country (the SWIFT registry).
    private static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BI"] = 27,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DJ"] = 27, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FK"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HN"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21,
        ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MN"] = 20, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NI"] = 28,
        ["NL"] = 18, ["NO"] = 15, ["OM"] = 23, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22,
        ["RU"] = 33, ["SA"] = 24, ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25,
        ["SV"] = 28, ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20, ["YE"] = 30,
    };

    public static List<PiiFinding> Find(string text, IReadOnlyCollection<string> kinds)
    {
        var candidates = new List<PiiFinding>();
        foreach (var match in CardPattern().EnumerateMatches(text))
        {
            if (Luhn(text.AsSpan(match.Index, match.Length)))
            {
                candidates.Add(new PiiFinding(CreditCard, match.Index, match.Length));
            }
        }

        foreach (var match in IbanStart().EnumerateMatches(text))
        {
            if (TryIban(text, match.Index, out var length))
            {
                candidates.Add(new PiiFinding(Iban, match.Index, length));
            }
        }

        Add(candidates, SsnPattern(), text, Ssn);
        Add(candidates, EmailPattern(), text, Email);
        Add(candidates, IPv4Pattern(), text, IPv4);
        foreach (var match in PhonePattern().EnumerateMatches(text))
        {
            var digits = 0;
            foreach (var c in text.AsSpan(match.Index, match.Length))
            {
                digits += char.IsAsciiDigit(c) ? 1 : 0;
            }

            if (digits is >= 8 and <= 15)
            {
                candidates.Add(new PiiFinding(Phone, match.Index, match.Length));
            }
        }

        // Keep the highest-priority finding where findings overlap (candidates are already in priority order).
        var kept = new List<PiiFinding>();
        foreach (var candidate in candidates)
        {
            if (!kept.Any(k => k.Index < candidate.Index + candidate.Length && candidate.Index < k.Index + k.Length))
            {
                kept.Add(candidate);
            }
        }

        return kept.Where(f => kinds.Contains(f.Kind)).OrderBy(f => f.Index).ToList();
    }

    private static void Add(List<PiiFinding> into, Regex pattern, string text, string kind)
    {
        foreach (var match in pattern.EnumerateMatches(text))
        {
            into.Add(new PiiFinding(kind, match.Index, match.Length));
        }
    }

    private static bool Luhn(ReadOnlySpan<char> number)
    {
        var sum = 0;
        var digits = 0;
        for (var i = number.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                continue;
            }

            var digit = number[i] - '0';
            if (digits++ % 2 == 1)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }

            sum += digit;
        }

        return digits is >= 13 and <= 19 && sum % 10 == 0;
    }

    // An IBAN is the country's fixed number of letters and digits, optionally grouped by single spaces, whose mod-97 checksum is 1.
    private static bool TryIban(string text, int start, out int length)
    {
        length = 0;
        if (!IbanLengths.TryGetValue(text.Substring(start, 2), out var expected))
        {
            return false;
        }

        var remainder = 0;
        var count = 0;
        var i = start;
        Span<char> rearranged = stackalloc char[4];
        text.AsSpan(start, 4).CopyTo(rearranged);
        i += 4;
        count = 4;
        while (count < expected && i < text.Length)
        {
            var c = text[i];
            if (c == ' ' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]))
            {
                i++;
                continue;
            }

            if (!(char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
            {
                return false;
            }

            remainder = Mod97(remainder, c);
            count++;
            i++;
        }

        if (count != expected || (i < text.Length && char.IsAsciiLetterOrDigit(text[i])))
        {
            return false;
        }

        foreach (var c in rearranged)
        {
            remainder = Mod97(remainder, c);
        }

        length = i - start;
        return remainder == 1;
    }

    private static int Mod97(int remainder, char c) =>
        char.IsAsciiDigit(c) ? ((remainder * 10) + (c - '0')) % 97 : ((remainder * 100) + (c - 'A' + 10)) % 97;

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9](?:[ -]?[0-9]){12,18}(?![0-9A-Za-z])", RegexOptions.None, 1000)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"(?<![0-9A-Za-z])[A-Z]{2}[0-9]{2}(?=[ ]?[0-9A-Z])", RegexOptions.None, 1000)]
    private static partial Regex IbanStart();

    [GeneratedRegex(@"(?<![0-9-])(?!000|666|9[0-9]{2})[0-9]{3}([- ])(?!00)[0-9]{2}\1(?!0000)[0-9]{4}(?![0-9-])", RegexOptions.None, 1000)]
    private static partial Regex SsnPattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.None, 1000)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![0-9.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?![0-9]|\.[0-9])", RegexOptions.None, 1000)]
    private static partial Regex IPv4Pattern();

    // North American 3-3-4 numbers, or international numbers written with '+' (8 to 15 digits in all, checked after matching).
    [GeneratedRegex(@"(?<![0-9A-Za-z+])(?:(?:\+?1[ .-]?)?(?:\([0-9]{3}\) ?|[0-9]{3}[ .-])[0-9]{3}[ .-][0-9]{4}|\+[1-9][0-9]{0,3}(?:[ .-]?\(?[0-9]{1,5}\)?){1,6})(?![0-9A-Za-z])", RegexOptions.None, 1000)]
    private static partial Regex PhonePattern();
}
