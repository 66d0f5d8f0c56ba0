extern alias generator;

using EvalHarness.CodeFixes;
using generator::EvalHarness.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace EvalHarness.Generators.Tests;

public sealed class CodeFixTests
{
    [Fact]
    public async Task AddsACompilableEvalTargetAndTheDiagnosticGoesAway()
    {
        var ct = TestContext.Current.CancellationToken;
        var harness = Samples.Faq();
        var source = Samples.BoundClass.Replace("[EvalTarget]\n    public Task<ChatResponse> AnswerAsync(EvalCase c, CancellationToken ct) => bot.AnswerAsync(c.Input, ct);", "public Bot Bot => bot;",
            StringComparison.Ordinal);
        using var workspace = new AdhocWorkspace();
        var document = workspace.AddProject("App", LanguageNames.CSharp)
            .WithMetadataReferences(harness.Compilation().References)
            .WithParseOptions(new CSharpParseOptions(LanguageVersion.Latest))
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .AddDocument("Evals.cs", source, filePath: GeneratorHarness.Root + "Evals.cs");

        var diagnostic = Assert.Single(await GeneratorDiagnostics(harness, document, ct), d => d.Id == "EVH012");
        var actions = new List<CodeAction>();
        await new AddEvalTargetCodeFix().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), ct));
        var operation = Assert.Single(await Assert.Single(actions).GetOperationsAsync(ct)).Should<ApplyChangesOperation>();
        var fixedDocument = operation.ChangedSolution.GetDocument(document.Id)!;

        var text = (await fixedDocument.GetTextAsync(ct)).ToString();
        Assert.Contains("[EvalTarget]", text, StringComparison.Ordinal);
        Assert.Contains("public Task<ChatResponse> AnswerAsync(EvalCase c, CancellationToken ct) =>", text, StringComparison.Ordinal);
        Assert.DoesNotContain(await GeneratorDiagnostics(harness, fixedDocument, ct), d => d.Id == "EVH012");
    }

    private static async Task<IReadOnlyList<Diagnostic>> GeneratorDiagnostics(GeneratorHarness harness, Document document, CancellationToken ct)
    {
        var compilation = (await document.Project.GetCompilationAsync(ct))!;
        harness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics, ct);
        return diagnostics;
    }
}

internal static class OperationExtensions
{
    public static T Should<T>(this CodeActionOperation operation)
        where T : CodeActionOperation => Assert.IsType<T>(operation);
}
