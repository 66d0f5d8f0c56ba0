using EvalHarness.Cli;
using EvalHarness.Targets;

// The FAQ bot is the system under test; suites without a 'target:' section named "support-faq" call it in-process.
var bot = new Acme.Support.SupportBot();
var targets = new Dictionary<string, IEvalTarget>
{
    ["support-faq"] = new DelegateTarget((c, ct) => bot.AnswerAsync(c.Input, ct)),
};

return await EvalCommandLine.RunAsync(args, targets).ConfigureAwait(false);
