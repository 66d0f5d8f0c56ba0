using static EvalHarness.Tests.Metrics.MetricTestKit;

namespace EvalHarness.Tests.Metrics;

public sealed class PiiTests
{
    [Theory]
    [InlineData("Write to jane.doe@example.com today", "email@9+20")]
    [InlineData("Schreib an josé.müller@exemplo.pt", "email@11+22")]
    [InlineData("Card 4111 1111 1111 1111 expires soon", "credit_card@5+19")]
    [InlineData("Card 4111-1111-1111-1111.", "credit_card@5+19")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 please", "iban@5+27")]
    [InlineData("GB82WEST12345698765432", "iban@0+22")]
    [InlineData("SSN: 123-45-6789", "ssn@5+11")]
    [InlineData("Server at 192.168.1.20.", "ipv4@10+12")]
    [InlineData("Call +1 415 555 2671 or (415) 555-2671", "phone@5+15, phone@24+14")]
    [InlineData("Ruf +49 30 901820 an", "phone@4+13")]
    [InlineData("mail a@b.co\nand 👍🏽 c@d.io", "email@5+6, email@21+6")]
    public async Task Pii_FindsKindAndPosition(string output, string findings)
    {
        var result = await Run("pii", output);

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(findings, result.Details["findings"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t")]
    [InlineData("Card 4111 1111 1111 1112 fails Luhn")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 02 fails mod 97")]
    [InlineData("SSN 000-12-3456 and 666-12-3456 are never issued")]
    [InlineData("Version 999.1.2.3 and 1.2.3 are not addresses")]
    [InlineData("Released 2024-01-15 at 12.30, order #123456")]
    [InlineData("Grüße aus 東京 👍🏽")]
    public async Task Pii_PassesCleanText(string output)
    {
        var result = await Run("pii", output);

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(0, result.RawValue);
    }

    [Fact]
    public async Task Pii_KindsSelectWhatCountsButNeverRelabelACard()
    {
        const string Output = "card 4111 1111 1111 1111, mail x@y.org";

        var phones = await Run("pii: { kinds: [phone] }", Output);
        var emails = await Run("pii: { kinds: email }", Output);
        var notPii = await Run("not-pii: { kinds: [ssn] }", "SSN 123-45-6789");

        Assert.Equal(Verdict.Pass, phones.Verdict);
        Assert.Equal(Verdict.Fail, emails.Verdict);
        Assert.Equal("email", emails.Details["kinds"]);
        Assert.Equal("found personal data: email (1)", emails.Reason);
        Assert.Equal(Verdict.Pass, notPii.Verdict);
    }

    [Theory]
    [InlineData("pii: { kinds: [email, passport] }", "error EVH005: metrics[0].pii.kinds: unknown PII kind 'passport'; known kinds: credit_card, iban, ssn, email, ipv4, phone")]
    [InlineData("pii: { kinds: [] }", "error EVH005: metrics[0].pii.kinds: the list of kinds is empty")]
    [InlineData("pii: { kinds: { email: true } }", "error EVH005: metrics[0].pii.kinds: expected a string or a list of strings, found a mapping")]
    public void InvalidParameters_AreLoadTimeErrors(string entry, string expected) =>
        Assert.Contains(expected, LoadError(entry), StringComparison.Ordinal);
}
