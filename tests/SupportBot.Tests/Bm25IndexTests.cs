namespace Acme.Support.Tests;

public sealed class Bm25IndexTests
{
    [Fact]
    public void IdfIsTheAlwaysPositiveVariant()
    {
        var index = new Bm25Index([["a", "b"], ["b", "c"]]);

        Assert.Equal(Math.Log(2), index.Idf("a"), 12);                   // ln(1 + (2 - 1 + 0.5) / (1 + 0.5))
        Assert.Equal(Math.Log(1 + (0.5 / 2.5)), index.Idf("b"), 12);     // in both documents: small but positive
        Assert.Equal(Math.Log(1 + (2.5 / 0.5)), index.Idf("unseen"), 12);
    }

    [Fact]
    public void ScoreOfAnAverageLengthDocumentWithOneOccurrenceIsTheIdf()
    {
        var index = new Bm25Index([["a", "b"], ["b", "c"]]);

        // tf = 1 and |d| = avgdl, so tf(k1 + 1) / (tf + k1) = 1.
        Assert.Equal(Math.Log(2), index.Score(0, ["a"]), 12);
        Assert.Equal(0, index.Score(1, ["a"]));
    }

    [Fact]
    public void RepeatedTermsSaturateAndLongDocumentsArePenalised()
    {
        var index = new Bm25Index([["a", "a", "x", "y"], ["a", "z"], ["q", "r", "s"]]);
        var idf = Math.Log(1 + (1.5 / 2.5));
        const double k1 = 1.2, b = 0.75, avg = 3.0;

        Assert.Equal(idf * 2 * (k1 + 1) / (2 + (k1 * (1 - b + (b * 4 / avg)))), index.Score(0, ["a"]), 12);
        Assert.Equal(idf * 1 * (k1 + 1) / (1 + (k1 * (1 - b + (b * 2 / avg)))), index.Score(1, ["a"]), 12);
    }
}
