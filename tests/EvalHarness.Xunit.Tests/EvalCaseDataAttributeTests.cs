using EvalHarness.Suites;
using Xunit.Sdk;

namespace EvalHarness.Xunit.Tests;

public sealed class EvalCaseDataAttributeTests : IDisposable
{
    private const string Suite = """
        name: faq
        dataset: ../../datasets/data.jsonl
        mapping: { input: question }
        target: { output: answer }
        metrics:
          - contains: { value: "refund" }
        """;

    private readonly TempSuite _suite = new(Suite,
        """{"id":"a","question":"q1","answer":"a refund","tags":["billing","refunds"]}""",
        """{"id":"b","question":"q2","answer":"no"}""",
        """{"id":"c", this is not JSON""",
        """{"id":"d","question":"q4","answer":"x","skip":"the upstream API is down"}""",
        """{"id":"e","question":"q5","answer":"x","explicit":true}""",
        """{"id":"f","question":"q6","answer":"x","skip":42}""");

    public void Dispose() => _suite.Dispose();

    [Fact]
    public void YieldsOneRowPerDatasetLineLabelledWithTheCaseId()
    {
        var rows = new EvalCaseDataAttribute(_suite.SuiteFile).GetRows(_suite.Session());

        Assert.Equal(["a", "b", "line-3", "d", "e", "f"], rows.Select(r => (string)r.GetData().Single()!));
        Assert.All(rows, r => Assert.Equal((string)r.GetData()[0]!, r.Label));
    }

    [Fact]
    public void TraitsNameTheSuiteAndEachTag()
    {
        var rows = new EvalCaseDataAttribute(_suite.SuiteFile).GetRows(_suite.Session()).ToArray();

        Assert.Equal(["faq"], rows[0].Traits!["suite"]);
        Assert.Equal(["billing", "refunds"], rows[0].Traits!["tag"].Order());
        Assert.False(rows[1].Traits!.ContainsKey("tag"));
        Assert.Equal(["faq"], rows[2].Traits!["suite"]);
    }

    [Fact]
    public void DatasetSkipAndExplicitFieldsSkipOrHideTheirRow()
    {
        var rows = new EvalCaseDataAttribute(_suite.SuiteFile).GetRows(_suite.Session()).ToDictionary(r => r.Label!);

        Assert.Equal("the upstream API is down", rows["d"].Skip);
        Assert.True(rows["e"].Explicit);
        Assert.Null(rows["a"].Skip);
        Assert.Null(rows["a"].Explicit);
        Assert.Null(rows["line-3"].Skip);

        // An invalid skip value does not skip: the test runs and fails with the error.
        Assert.Null(rows["f"].Skip);
    }

    [Fact]
    public void AttributeSettingsApplyToEveryRowUnlessTheRowSaysOtherwise()
    {
        // The attribute's own Skip is xUnit's "skip every row" setting; the test checks it reaches rows and yields to a row's own reason.
        var attribute = new EvalCaseDataAttribute(_suite.SuiteFile) { Skip = "all skipped", Traits = ["owner", "support"] };

        var rows = attribute.GetRows(_suite.Session()).ToDictionary(r => r.Label!);

        Assert.Equal("all skipped", rows["a"].Skip);
        Assert.Equal("the upstream API is down", rows["d"].Skip);
        Assert.Equal(["support"], rows["b"].Traits!["owner"]);
    }

    [Fact]
    public async Task GetDataLoadsTheSuiteFileAndSupportsDiscoveryEnumeration()
    {
        var attribute = new EvalCaseDataAttribute(_suite.SuiteFile);

        var rows = await attribute.GetData(typeof(EvalCaseDataAttributeTests).GetMethod(nameof(Dispose))!, new DisposalTracker());

        Assert.True(attribute.SupportsDiscoveryEnumeration());
        Assert.Equal(6, rows.Count);
    }

    [Fact]
    public async Task AnInvalidSuiteFailsWithFileLineAndCode()
    {
        File.WriteAllText(_suite.SuiteFile, Suite.Replace("contains:", "containz:", StringComparison.Ordinal));
        var attribute = new EvalCaseDataAttribute(_suite.SuiteFile);

        var error = await Assert.ThrowsAsync<EvalConfigurationException>(async () =>
            await attribute.GetData(typeof(EvalCaseDataAttributeTests).GetMethod(nameof(Dispose))!, new DisposalTracker()));

        Assert.Contains("suite.yaml(6,", error.Message, StringComparison.Ordinal);
        Assert.Contains("error EVH004", error.Message, StringComparison.Ordinal);
    }
}
