namespace Acme.Support;

/// <summary>A section found for a question, with its BM25 score.</summary>
/// <param name="section">The section.</param>
/// <param name="score">The BM25 score of the section for the question; always greater than zero.</param>
public sealed class RetrievedSection(KnowledgeBaseSection section, double score)
{
    /// <summary>The section.</summary>
    public KnowledgeBaseSection Section { get; } = section;

    /// <summary>The BM25 score (k1 = 1.2, b = 0.75); higher is a better match, and scores are only comparable within one question.</summary>
    public double Score { get; } = score;

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Section} ({Score:0.000})");
}
