namespace EvalHarness.Datasets;

/// <summary>Streams the rows of a JSON Lines file, one line at a time; blank lines are not rows.</summary>
internal static class JsonlRowReader
{
    public static IEnumerable<DatasetRow> Read(TextReader text, string file)
    {
        var line = 0;
        while (text.ReadLine() is { } content)
        {
            line++;
            if (!string.IsNullOrWhiteSpace(content))
            {
                yield return JsonLineParser.Parse(content, file, line);
            }
        }
    }
}
