namespace EvalHarness.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void VerdictCombinePrefersError() => Assert.Equal(Verdict.Error, VerdictExtensions.Combine([Verdict.Pass, Verdict.Error, Verdict.Fail]));
}
