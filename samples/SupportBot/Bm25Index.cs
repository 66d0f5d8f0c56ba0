namespace Acme.Support;

/// <summary>Okapi BM25 over a fixed set of documents (each a list of index terms).</summary>
/// <remarks>Hand-written: no search library is reachable here, and the formula is a few lines.</remarks>
internal sealed class Bm25Index
{
    internal const double K1 = 1.2;
    internal const double B = 0.75;

    private readonly Dictionary<string, int>[] _termCounts;
    private readonly int[] _lengths;
    private readonly double _averageLength;
    private readonly Dictionary<string, int> _documentFrequencies = new(StringComparer.Ordinal);

    public Bm25Index(IReadOnlyList<IReadOnlyList<string>> documents)
    {
        _termCounts = new Dictionary<string, int>[documents.Count];
        _lengths = new int[documents.Count];
        for (var d = 0; d < documents.Count; d++)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var term in documents[d])
            {
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }

            foreach (var term in counts.Keys)
            {
                _documentFrequencies[term] = _documentFrequencies.GetValueOrDefault(term) + 1;
            }

            _termCounts[d] = counts;
            _lengths[d] = documents[d].Count;
        }

        _averageLength = documents.Count == 0 ? 0 : _lengths.Average();
    }

    public int Count => _lengths.Length;

    /// <summary>Inverse document frequency, the always-positive variant ln(1 + (N - n + 0.5) / (n + 0.5)).</summary>
    public double Idf(string term)
    {
        var n = _documentFrequencies.GetValueOrDefault(term);
        return Math.Log(1 + ((Count - n + 0.5) / (n + 0.5)));
    }

    /// <summary>The BM25 score of document <paramref name="document"/> for the distinct <paramref name="queryTerms"/>.</summary>
    public double Score(int document, IEnumerable<string> queryTerms)
    {
        var counts = _termCounts[document];
        var lengthNorm = 1 - B + (B * _lengths[document] / _averageLength);
        var score = 0.0;
        foreach (var term in queryTerms)
        {
            if (counts.TryGetValue(term, out var tf))
            {
                score += Idf(term) * (tf * (K1 + 1)) / (tf + (K1 * lengthNorm));
            }
        }

        return score;
    }
}
