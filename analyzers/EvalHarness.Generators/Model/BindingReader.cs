using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EvalHarness.Generators.Model;

/// <summary>Reads an <c>[EvalSuite]</c> class into a <see cref="BindingModel"/>, checking partial-ness and the <c>[EvalTarget]</c> method.</summary>
internal static class BindingReader
{
    public const string SuiteAttribute = "EvalHarness.EvalSuiteAttribute";
    public const string TargetAttribute = "EvalHarness.EvalTargetAttribute";
    public const string ExpectedSignature = "Task<ChatResponse> Name(EvalCase c, CancellationToken ct) (or ValueTask<ChatResponse>, with or without the token)";

    public static BindingModel Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (ClassDeclarationSyntax)context.TargetNode;
        var attribute = context.Attributes[0];
        var path = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty;
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var attributeLocation = LocationInfo.From(attributeSyntax?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? syntax.Identifier.GetLocation());
        var classLocation = LocationInfo.From(syntax.Identifier.GetLocation());
        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();

        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || type.ContainingType is not null || type.IsGenericType)
        {
            diagnostics.Add(new DiagnosticInfo("EVH016",
                "class '" + type.Name + "' has [EvalSuite] but must be a non-generic, top-level 'partial' class so the generator can add its tests",
                classLocation));
        }

        var targets = type.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == TargetAttribute)).ToList();
        string? targetMethod = null;
        var takesCancellation = false;
        var isValueTask = false;
        if (targets.Count == 0)
        {
            diagnostics.Add(new DiagnosticInfo("EVH012",
                "class '" + type.Name + "' binds a suite but has no [EvalTarget] method; add one: " + ExpectedSignature, classLocation));
        }
        else if (targets.Count > 1)
        {
            diagnostics.Add(new DiagnosticInfo("EVH012", "class '" + type.Name + "' has " + targets.Count + " [EvalTarget] methods; keep exactly one",
                LocationInfo.From(targets[1].Locations.FirstOrDefault() ?? syntax.Identifier.GetLocation())));
        }
        else if (CheckSignature(targets[0], out takesCancellation, out isValueTask) is { } problem)
        {
            diagnostics.Add(new DiagnosticInfo("EVH012", "[EvalTarget] method '" + targets[0].Name + "' " + problem + "; expected " + ExpectedSignature,
                LocationInfo.From(targets[0].Locations.FirstOrDefault() ?? syntax.Identifier.GetLocation())));
        }
        else
        {
            targetMethod = targets[0].Name;
        }

        var constructor = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public)
            .OrderByDescending(c => c.Parameters.Length).FirstOrDefault();
        foreach (var parameter in constructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty)
        {
            if (parameter.Type is INamedTypeSymbol parameterType &&
                !(parameterType.ContainingNamespace?.ToDisplayString() ?? string.Empty).StartsWith("Xunit", StringComparison.Ordinal))
            {
                var publicConstructors = parameterType.InstanceConstructors.Count(c => c.DeclaredAccessibility == Accessibility.Public);
                if (publicConstructors != 1 || parameterType.TypeKind == TypeKind.Interface || parameterType.IsAbstract)
                {
                    diagnostics.Add(new DiagnosticInfo("EVH017",
                        "constructor parameter '" + parameter.Name + "' of type " + parameterType.ToDisplayString() + " cannot be an xUnit class fixture: " +
                        (parameterType.TypeKind == TypeKind.Interface || parameterType.IsAbstract ? "it is abstract" : "it has " + publicConstructors + " public constructors") +
                        " and xUnit creates fixtures through exactly one; take a small fixture class that creates it instead",
                        LocationInfo.From(parameter.Locations.FirstOrDefault() ?? syntax.Identifier.GetLocation())));
                }
            }
        }

        var fixtures = constructor?.Parameters
            .Select(p => p.Type)
            .Where(t => !(t.ContainingNamespace?.ToDisplayString() ?? string.Empty).StartsWith("Xunit", StringComparison.Ordinal))
            .Select(t => t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .Distinct()
            .ToImmutableArray() ?? ImmutableArray<string>.Empty;

        return new BindingModel(type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            type.Name, path, new EquatableArray<string>(fixtures), targetMethod, takesCancellation, isValueTask, attributeLocation,
            new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutable()));
    }

    private static string? CheckSignature(IMethodSymbol method, out bool takesCancellation, out bool isValueTask)
    {
        takesCancellation = false;
        isValueTask = false;
        if (method.IsGenericMethod)
        {
            return "is generic";
        }

        if (method.ReturnType is not INamedTypeSymbol { IsGenericType: true } returnType ||
            returnType.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks" ||
            returnType.Name is not ("Task" or "ValueTask") ||
            returnType.TypeArguments[0].ToDisplayString() != "Microsoft.Extensions.AI.ChatResponse")
        {
            return "returns " + method.ReturnType.ToDisplayString();
        }

        var parameters = method.Parameters;
        if (parameters.Length is < 1 or > 2 || parameters[0].Type.ToDisplayString() != "EvalHarness.EvalCase" ||
            (parameters.Length == 2 && parameters[1].Type.ToDisplayString() != "System.Threading.CancellationToken"))
        {
            return "takes (" + string.Join(", ", parameters.Select(p => p.Type.ToDisplayString())) + ")";
        }

        takesCancellation = parameters.Length == 2;
        isValueTask = method.ReturnType.Name == "ValueTask";
        return null;
    }
}
