namespace EvalHarness.Importing;

/// <summary>The shape of a trace export read by <see cref="TraceImporter"/>.</summary>
public enum TraceFormat
{
    /// <summary>Detected from the first record of each file.</summary>
    Auto,

    /// <summary>OTLP JSON: <c>resourceSpans</c> → <c>scopeSpans</c> → <c>spans</c> with <c>gen_ai.*</c> attributes and events.</summary>
    Otlp,

    /// <summary>A Langfuse trace export (JSON array or JSONL).</summary>
    Langfuse,

    /// <summary>An Opik trace export (JSON array or JSONL).</summary>
    Opik,

    /// <summary>Plain JSONL read through field mappings.</summary>
    Jsonl,
}
