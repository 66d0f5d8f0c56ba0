namespace EvalHarness.Generators;

/// <summary>Names of the generator's incremental steps, for tests that assert what was cached.</summary>
public static class StepNames
{
    /// <summary>Suite files read from AdditionalFiles.</summary>
    public const string SuiteFiles = "EvalHarness.SuiteFiles";

    /// <summary>Dataset files from AdditionalFiles, collected.</summary>
    public const string DatasetFiles = "EvalHarness.DatasetFiles";

    /// <summary>Validated suite models (suite + dataset).</summary>
    public const string Suites = "EvalHarness.Suites";

    /// <summary>[EvalSuite] classes.</summary>
    public const string Bindings = "EvalHarness.Bindings";

    /// <summary>Each suite with the bindings and project options it is emitted with.</summary>
    public const string SuiteOutputs = "EvalHarness.SuiteOutputs";
}
