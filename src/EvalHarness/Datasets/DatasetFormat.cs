namespace EvalHarness.Datasets;

/// <summary>The file formats a dataset may be written in, chosen by the file's extension.</summary>
public enum DatasetFormat
{
    /// <summary>JSON Lines (<c>.jsonl</c>, <c>.ndjson</c>): one JSON object per line; blank lines are skipped.</summary>
    Jsonl,

    /// <summary>Comma-separated values (<c>.csv</c>) with a header row; every cell is text, an empty cell is JSON null.</summary>
    Csv,

    /// <summary>YAML (<c>.yaml</c>, <c>.yml</c>): one document holding a list of mappings, one per case.</summary>
    Yaml,
}
