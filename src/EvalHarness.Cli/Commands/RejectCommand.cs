using System.CommandLine;
using EvalHarness.Baselines;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness reject [suites…] [--suite name]…</c>: deletes each suite's received files, keeping the verified baseline and snapshots.
/// Exits 0, or 2 when a suite cannot be found or read.
/// </summary>
internal static class RejectCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        AcceptCommand.CreateReceivedFilesCommand("reject", "Delete the received baselines and snapshots of suites, keeping the verified ones", "deleted",
            BaselineFiles.Reject, output, error);
}
