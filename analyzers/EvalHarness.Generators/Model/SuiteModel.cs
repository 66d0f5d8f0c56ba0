namespace EvalHarness.Generators.Model;

/// <summary>What the generator knows about one suite file after validating it and its dataset.</summary>
/// <param name="SuitePath">The suite file's full path (as MSBuild passed it).</param>
/// <param name="Name">The suite's name, or null when the file is too broken to name.</param>
/// <param name="TargetKind">0 = C#, 1 = prompt, 2 = dataset outputs (EvalHarness.Suites.TargetKind).</param>
/// <param name="CaseCount">Dataset rows (including invalid ones).</param>
/// <param name="Diagnostics">Problems in the suite file and its dataset.</param>
internal sealed record SuiteModel(string SuitePath, string? Name, int TargetKind, int CaseCount, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool HasErrors => Diagnostics.Items.Any(d => d.Id != "EVH015");
}
