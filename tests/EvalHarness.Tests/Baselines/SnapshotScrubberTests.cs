using EvalHarness.Baselines;

namespace EvalHarness.Tests.Baselines;

public sealed class SnapshotScrubberTests
{
    [Fact]
    public void VolatileValuesBecomeNumberedTokens()
    {
        const string text = "Ticket 3f2504e0-4f89-11d3-9a0c-0305e82c3301 opened 2026-11-22T13:02:15.123Z,\r\n" +
            "again 3F2504E0-4F89-11D3-9A0C-0305E82C3301 and 9b2c0d4e-1111-2222-3333-444455556666 at 2026-11-22 14:00; " +
            "trace 0123456789abcdef0123456789abcdef.";

        var scrubbed = SnapshotScrubber.Scrub(text);

        Assert.Equal("Ticket Guid_1 opened DateTime_1,\nagain Guid_1 and Guid_2 at DateTime_2; trace Id_1.", scrubbed);
    }

    [Fact]
    public void OrdinaryTextIsLeftAlone()
    {
        const string text = "Refunds take 5 to 10 business days (order 12345, code ABC-123).";

        Assert.Equal(text, SnapshotScrubber.Scrub(text));
    }
}
