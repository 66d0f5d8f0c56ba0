namespace EvalHarness.Metrics.Text;

/// <summary>
/// promptfoo's reading of a <c>contains-any</c>/<c>contains-all</c> value given as one string: comma-separated fields,
/// trimmed, empty fields skipped, double-quoted fields keeping their commas (escapes <c>\"</c>, <c>\\</c> and <c>""</c>).
/// </summary>
internal static class CommaSeparatedValues
{
    /// <summary>Splits <paramref name="value"/>; false with a reason for an unterminated quote or text after a closing quote.</summary>
    public static bool TrySplit(string value, out List<string> fields, out string? problem)
    {
        fields = [];
        problem = null;
        var i = 0;
        while (i < value.Length)
        {
            i = SkipSeparators(value, i);
            if (i >= value.Length)
            {
                break;
            }

            if (value[i] != '"')
            {
                var end = value.IndexOf(',', i);
                end = end < 0 ? value.Length : end;
                fields.Add(JsText.Trim(value.AsSpan(i, end - i)).ToString());
                i = end;
                continue;
            }

            var field = new System.Text.StringBuilder();
            var closed = false;
            i++;
            while (i < value.Length)
            {
                var c = value[i];
                if (c == '\\' && i + 1 < value.Length && value[i + 1] is '"' or '\\')
                {
                    field.Append(value[i + 1]);
                    i += 2;
                }
                else if (c == '"' && i + 1 < value.Length && value[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                }
                else if (c == '"')
                {
                    i++;
                    closed = true;
                    break;
                }
                else
                {
                    field.Append(c);
                    i++;
                }
            }

            if (!closed)
            {
                problem = "unterminated quoted field in '" + value + "'";
                return false;
            }

            fields.Add(field.ToString());
            while (i < value.Length && JsText.IsWhiteSpace(value[i]))
            {
                i++;
            }

            if (i < value.Length && value[i] != ',')
            {
                problem = "expected a comma after a quoted field in '" + value + "'";
                return false;
            }
        }

        return true;
    }

    private static int SkipSeparators(string value, int i)
    {
        while (i < value.Length && (value[i] == ',' || JsText.IsWhiteSpace(value[i])))
        {
            i++;
        }

        return i;
    }
}
