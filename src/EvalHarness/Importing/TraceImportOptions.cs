namespace EvalHarness.Importing;

/// <summary>What <see cref="TraceImporter"/> reads and which traces it keeps.</summary>
public sealed record TraceImportOptions
{
    /// <summary>The export format; <see cref="TraceFormat.Auto"/> detects it per file.</summary>
    public TraceFormat Format { get; init; } = TraceFormat.Auto;

    /// <summary>Field paths (<see cref="Datasets.JsonFieldPath"/> syntax) by dataset field (<c>id</c>, <c>input</c>, <c>output</c>, <c>expected</c>, <c>tags</c>, <c>model</c>, <c>timestamp</c>); they override the format's own fields.</summary>
    public IReadOnlyDictionary<string, string> Map { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Keep traces at or after this time (traces without a timestamp are dropped).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Keep traces before this time (traces without a timestamp are dropped).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Keep traces that carry every one of these tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Keep traces of this model (exact match).</summary>
    public string? Model { get; init; }

    /// <summary>Keep traces with at least one score below this value.</summary>
    public double? ScoreBelow { get; init; }

    /// <summary>Keep traces whose user feedback is negative (a feedback or thumbs score of 0 or less).</summary>
    public bool ThumbsDown { get; init; }

    /// <summary>Keep traces that ended in an error.</summary>
    public bool ErrorsOnly { get; init; }

    /// <summary>Keep a seeded random sample of this many rows (after filtering and de-duplication), or null for all.</summary>
    public int? Sample { get; init; }

    /// <summary>Seed of the sampling.</summary>
    public int Seed { get; init; }

    /// <summary>Replace personal data (the <c>pii</c> metric's detectors) with <c>[REDACTED:&lt;kind&gt;]</c>.</summary>
    public bool ScrubPii { get; init; }
}
