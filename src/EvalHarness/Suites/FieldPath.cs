namespace EvalHarness.Suites;

/// <summary>
/// The syntax of mapping paths: segments separated by '.', each a field name optionally followed by
/// <c>[n]</c> (an index) or <c>[*]</c> (every item). For example <c>docs[*].text</c> or <c>messages[0].content</c>.
/// </summary>
public static class FieldPath
{
    /// <summary>Checks a path's syntax.</summary>
    /// <returns>Null when valid, else what is wrong.</returns>
    public static string? Validate(string path)
    {
        if (path.Length == 0)
        {
            return "a field path cannot be empty";
        }

        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[');
            var name = bracket < 0 ? segment : segment.Substring(0, bracket);
            if (name.Length == 0)
            {
                return "'" + path + "' has an empty segment; write paths like 'docs[*].text'";
            }

            var rest = bracket < 0 ? string.Empty : segment.Substring(bracket);
            while (rest.Length > 0)
            {
                var close = rest.IndexOf(']');
                if (rest[0] != '[' || close < 0)
                {
                    return "'" + path + "' has an unclosed '['";
                }

                var index = rest.Substring(1, close - 1);
                if (index != "*" && !int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    return "'" + path + "': an index is a whole number or '*', found '" + index + "'";
                }

                rest = rest.Substring(close + 1);
            }
        }

        return null;
    }
}
