namespace Acme.Support.Tests;

public sealed class TextAnalyzerTests
{
    [Fact]
    public void TermsAreLowerCaseWithoutPunctuationOrStopWords() =>
        Assert.Equal(["reset", "password"], TextAnalyzer.Terms("How do I reset MY password?!"));

    [Fact]
    public void ApostrophesJoinContractionsWhichAreStopWords() =>
        Assert.Equal(["recogniz", "devic"], TextAnalyzer.Terms("I don't recognize devices"));

    [Fact]
    public void InflectionsShareOneStem() =>
        Assert.Equal(["refund", "refund", "refund", "refund"], TextAnalyzer.Terms("Refunds, refunded, refunding & REFUND."));

    [Theory]
    [InlineData("policies", "policy")]
    [InlineData("passes", "pass")]
    [InlineData("cancelled", "cancel")]
    [InlineData("sharing", "shar")]
    [InlineData("shared", "shar")]
    [InlineData("share", "shar")]
    [InlineData("monthly", "month")]
    [InlineData("status", "status")]
    [InlineData("2fa", "2fa")]
    [InlineData("api", "api")]
    public void StemStripsCommonSuffixes(string word, string stem) => Assert.Equal(stem, TextAnalyzer.Stem(word));

    [Fact]
    public void NumbersAndSymbolsSplitIntoTerms() =>
        Assert.Equal(["tls", "1", "3", "aes", "256"], TextAnalyzer.Terms("TLS 1.3 / AES-256"));
}
