using EvalHarness.Running;
using Microsoft.Extensions.Logging;

namespace EvalHarness.Logging;

/// <summary>The <see cref="LogCategories.Baselines"/> messages (event ids 1300–1399).</summary>
internal static partial class BaselineLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Suite {Suite} baseline check: {Verdict}: {Reason}")]
    public static partial void Checked(ILogger logger, string suite, Verdict verdict, string reason);

    /// <summary>Logs the <c>baseline</c> gate check of <paramref name="result"/>, when it has one.</summary>
    public static void Check(ILogger logger, SuiteResult result)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        foreach (var check in result.Gate.Checks)
        {
            if (check.Name == "baseline")
            {
                Checked(logger, result.Name, check.Verdict, check.Reason);
            }
        }
    }
}
