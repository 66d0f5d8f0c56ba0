using EvalHarness.Cli;

return await EvalCommandLine.RunAsync(args).ConfigureAwait(false);
