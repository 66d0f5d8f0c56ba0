using System.Text;
using System.Text.RegularExpressions;

namespace EvalHarness.Cli.Filtering;

/// <summary>
/// The cases <c>evalharness run --filter</c> selects. Terms are <c>tag:&lt;glob&gt;</c>, <c>id:&lt;glob&gt;</c> or a bare <c>&lt;glob&gt;</c> (an id
/// or a tag), with <c>*</c> and <c>?</c> wildcards, separated by commas or given in several <c>--filter</c> options; a leading <c>!</c> excludes.
/// </summary>
/// <remarks>A case runs when it matches any including term (or there is none) and no excluding term. Matching is case-sensitive.</remarks>
internal sealed class CaseFilter
{
    private readonly IReadOnlyList<Term> _include;
    private readonly IReadOnlyList<Term> _exclude;

    private CaseFilter(IReadOnlyList<Term> include, IReadOnlyList<Term> exclude)
    {
        _include = include;
        _exclude = exclude;
    }

    /// <summary>Parses the values of every <c>--filter</c> option.</summary>
    /// <exception cref="ArgumentException">A term is empty or names an unknown field; the message says which and how to write it.</exception>
    public static CaseFilter Parse(IEnumerable<string> values)
    {
        var include = new List<Term>();
        var exclude = new List<Term>();
        foreach (var raw in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)))
        {
            var negated = raw.StartsWith('!');
            var text = negated ? raw[1..].Trim() : raw;
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? null : text[..colon];
            var pattern = colon < 0 ? text : text[(colon + 1)..];
            if (field is not (null or "tag" or "id"))
            {
                throw new ArgumentException("--filter '" + raw + "': '" + field + ":' is not a filter field; use tag:<name>, id:<id> or a bare id or tag (wildcards * and ?)");
            }

            if (pattern.Length == 0)
            {
                throw new ArgumentException("--filter '" + raw + "' is empty; use tag:<name>, id:<id> or a bare id or tag (wildcards * and ?), separated by commas");
            }

            (negated ? exclude : include).Add(new Term(field, Glob(pattern)));
        }

        return new CaseFilter(include, exclude);
    }

    /// <summary>True when the case runs.</summary>
    public bool Includes(EvalCase @case) =>
        (_include.Count == 0 || _include.Any(t => t.Matches(@case))) && !_exclude.Any(t => t.Matches(@case));

    private static Regex Glob(string pattern)
    {
        var regex = new StringBuilder("^");
        foreach (var c in pattern)
        {
            regex.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }

    private sealed record Term(string? Field, Regex Pattern)
    {
        public bool Matches(EvalCase @case) =>
            (Field is null or "id" && Pattern.IsMatch(@case.Id)) || (Field is null or "tag" && @case.Tags.Any(Pattern.IsMatch));
    }
}
