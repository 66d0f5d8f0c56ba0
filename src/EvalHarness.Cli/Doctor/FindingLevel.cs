namespace EvalHarness.Cli.Doctor;

/// <summary>How a doctor finding stands: fine, worth knowing (the run still works), or wrong (exit code 2).</summary>
internal enum FindingLevel
{
    Ok,
    Warning,
    Error,
}
