namespace EvalHarness.Generators.Model;

/// <summary>A suite file's path and text, read from AdditionalFiles.</summary>
internal sealed record SuiteFile(string Path, string Text);
