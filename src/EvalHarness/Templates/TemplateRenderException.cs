namespace EvalHarness.Templates;

/// <summary>A case lacks a value its prompt template needs; the case's verdict is <see cref="Verdict.Error"/>.</summary>
public sealed class TemplateRenderException(string message) : Exception(message);
