using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace EvalHarness.CodeFixes;

/// <summary>EVH012 "no [EvalTarget] method": adds a correctly shaped target method that the user fills in.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddEvalTargetCodeFix))]
[Shared]
public sealed class AddEvalTargetCodeFix : CodeFixProvider
{
    /// <summary>The title shown in the IDE.</summary>
    public const string Title = "Add an [EvalTarget] method";

    private const string Stub = """
        [global::EvalHarness.EvalTarget]
        public global::System.Threading.Tasks.Task<global::Microsoft.Extensions.AI.ChatResponse> AnswerAsync(global::EvalHarness.EvalCase c, global::System.Threading.CancellationToken ct) =>
            // Call your system under test here; until then the case's input is echoed back.
            global::System.Threading.Tasks.Task.FromResult(new global::Microsoft.Extensions.AI.ChatResponse(new global::Microsoft.Extensions.AI.ChatMessage(global::Microsoft.Extensions.AI.ChatRole.Assistant, c.Input)));
        """;

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("EVH012");

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            // Only the "missing" form points at the class name; a wrong signature points at the method and needs a human.
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not ClassDeclarationSyntax declaration)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, cancellationToken => AddTargetAsync(context.Document, declaration, cancellationToken), equivalenceKey: Title),
                diagnostic);
        }
    }

    private static async Task<Document> AddTargetAsync(Document document, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var method = (MemberDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(Stub)!
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        var updated = root!.ReplaceNode(declaration, declaration.AddMembers(method));
        var result = document.WithSyntaxRoot(updated);
        result = await Simplifier.ReduceAsync(result, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(result, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
