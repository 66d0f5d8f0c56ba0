using System.Collections.Immutable;
using EvalHarness.Generators.Emit;
using EvalHarness.Generators.Model;
using EvalHarness.Suites;
using Microsoft.CodeAnalysis;

namespace EvalHarness.Generators;

/// <summary>
/// Turns every suite file in AdditionalFiles into xUnit v3 tests — one theory row per dataset case and a Gate fact — and reports
/// problems in suite and dataset files as diagnostics at their file, line and column.
/// </summary>
/// <remarks>
/// Pipeline: suite texts and the collected dataset files are validated per suite (the shared suite model and dataset parser);
/// [EvalSuite] classes are found with ForAttributeWithMetadataName; each suite is emitted on its own, so editing one suite file
/// re-emits only that suite, and an unrelated C# edit re-emits nothing.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class EvalSuiteGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    /// <remarks>
    /// Every step's item is a reference type and every Combine is followed by a Select into one: Roslyn's incremental tables are
    /// generic over the item type, and value-type items (tuples, structs, bool) each make the JIT compile several hundred of the
    /// compiler's methods in every csc process — most of what this generator cost a build.
    /// </remarks>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider.Select(static (provider, _) =>
        {
            provider.GlobalOptions.TryGetValue("build_property.RootNamespace", out var rootNamespace);
            provider.GlobalOptions.TryGetValue("build_property.EvalHarnessRoot", out var root);
            provider.GlobalOptions.TryGetValue("build_property.ProjectDir", out var projectDir);
            provider.GlobalOptions.TryGetValue("build_property.EvalHarnessCustomMetrics", out var custom);
            var baseDir = string.IsNullOrWhiteSpace(root) ? projectDir ?? string.Empty : root!;
            return new GeneratorOptions(
                new ProjectOptions(rootNamespace ?? string.Empty, baseDir.Length == 0 ? string.Empty : SuiteValidator.Normalize(baseDir).TrimEnd('/') + "/"),
                custom ?? string.Empty);
        });

        var suiteTexts = context.AdditionalTextsProvider
            .Where(static file => IsSuiteFile(file.Path))
            .Select(static (file, cancellationToken) => new SuiteFile(file.Path, file.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .WithTrackingName(StepNames.SuiteFiles);

        var datasetFiles = context.AdditionalTextsProvider
            .Where(static file => !IsSuiteFile(file.Path))
            .Collect()
            .Select(static (files, _) => new AdditionalFileSet(files))
            .WithTrackingName(StepNames.DatasetFiles);

        var validation = datasetFiles
            .Combine(options.Select(static (o, _) => o.CustomMetrics))
            .Select(static (input, _) => new ValidationContext(input.Left, input.Right));

        var suites = suiteTexts
            .Combine(validation)
            .Select(static (input, cancellationToken) => SuiteValidator.Validate(input.Left.Path, input.Left.Text, input.Right.Files.Files,
                CustomMetrics(input.Right.CustomMetrics), cancellationToken))
            .WithTrackingName(StepNames.Suites);

        var bindings = context.SyntaxProvider
            .ForAttributeWithMetadataName(BindingReader.SuiteAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                static (syntax, cancellationToken) => BindingReader.Read(syntax, cancellationToken))
            .WithTrackingName(StepNames.Bindings);

        var project = options.Select(static (o, _) => o.Project);
        var bindingSet = bindings.Collect()
            .Select(static (items, _) => new EquatableArray<BindingModel>(items))
            .Combine(project)
            .Select(static (input, _) => new BindingSet(input.Left, input.Right));

        var outputs = suites.Combine(bindingSet)
            .Select(static (input, _) => new SuiteOutput(input.Left, input.Right))
            .WithTrackingName(StepNames.SuiteOutputs);

        context.RegisterSourceOutput(outputs, static (spc, input) => EmitSuite(spc, input.Suite, input.Bindings.Bindings, input.Bindings.Project));

        var suitePaths = suites.Select(static (s, _) => s.SuitePath).Collect()
            .Select(static (paths, _) => new EquatableArray<string>(paths))
            .Combine(project)
            .Select(static (input, _) => new SuitePaths(input.Left, input.Right));
        context.RegisterSourceOutput(bindings.Combine(suitePaths).Select(static (input, _) => new BindingCheck(input.Left, input.Right)),
            static (spc, input) => ReportBinding(spc, input.Binding, input.Suites.Paths, input.Suites.Project));

        // The fixture's source text when any suite exists, else empty: a string item, not a bool (see the remarks).
        var fixture = suites.Collect().Select(static (items, _) => items.Length > 0 ? SuiteSourceWriter.AssemblyFixture : string.Empty);
        context.RegisterSourceOutput(fixture, static (spc, source) =>
        {
            if (source.Length > 0)
            {
                spc.AddSource("EvalHarness.AssemblyFixture.g.cs", source);
            }
        });
    }

    private static bool IsSuiteFile(string path)
    {
        var name = Path.GetFileName(path);
        return string.Equals(name, "suite.yaml", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "suite.yml", StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<MetricDescriptor> CustomMetrics(string names) =>
        names.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim()).Where(n => n.Length > 0)
            .Select(n => new MetricDescriptor(n, MetricFamily.Custom, "a metric registered in C#", ValueSource.ValueOrFieldOrExpected, ParameterKind.Any,
                new ParameterDescriptor[0]));

    private static void EmitSuite(SourceProductionContext context, SuiteModel suite, EquatableArray<BindingModel> bindings, ProjectOptions project)
    {
        foreach (var diagnostic in suite.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        if (suite.Name is null || suite.HasErrors)
        {
            return;
        }

        var binding = Match(bindings.Items, suite.SuitePath, project);
        if (binding is not null)
        {
            if (binding.Diagnostics.Length == 0 && binding.TargetMethod is not null)
            {
                context.AddSource(SuiteSourceWriter.HintName(suite), SuiteSourceWriter.WriteBound(suite, binding));
            }

            return;
        }

        if (suite.TargetKind == (int)TargetKind.Code)
        {
            context.ReportDiagnostic(new DiagnosticInfo("EVH015",
                "suite '" + suite.Name + "' has no 'target:' and no [EvalSuite] class binds it, so it has no tests; add 'target:' or bind it with [EvalSuite(\"…\")]",
                LocationInfo.InFile(suite.SuitePath, 1, 1)).ToDiagnostic());
            return;
        }

        context.AddSource(SuiteSourceWriter.HintName(suite), SuiteSourceWriter.WriteGenerated(suite, project.RootNamespace));
    }

    private static void ReportBinding(SourceProductionContext context, BindingModel binding, EquatableArray<string> suitePaths, ProjectOptions project)
    {
        foreach (var diagnostic in binding.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        if (Resolve(binding.SuitePath, suitePaths.Items, project) is null)
        {
            context.ReportDiagnostic(new DiagnosticInfo("EVH001",
                "suite file '" + binding.SuitePath + "' is not among the project's AdditionalFiles (paths are relative to $(EvalHarnessRoot): " +
                (project.Root.Length == 0 ? "the project folder" : project.Root) + ")", binding.AttributeLocation).ToDiagnostic());
        }
    }

    private static BindingModel? Match(ImmutableArray<BindingModel> bindings, string suitePath, ProjectOptions project) =>
        bindings.FirstOrDefault(b => string.Equals(Resolve(b.SuitePath, ImmutableArray.Create(suitePath), project), SuiteValidator.Normalize(suitePath),
            StringComparison.OrdinalIgnoreCase));

    // A binding path is relative to $(EvalHarnessRoot); failing that, it may name a unique suite by the end of its path.
    private static string? Resolve(string bindingPath, ImmutableArray<string> suitePaths, ProjectOptions project)
    {
        if (bindingPath.Length == 0)
        {
            return null;
        }

        var normalized = suitePaths.Select(SuiteValidator.Normalize).ToList();
        var exact = SuiteValidator.Normalize(Path.IsPathRooted(bindingPath) ? bindingPath : project.Root + bindingPath);
        if (normalized.Any(p => string.Equals(p, exact, StringComparison.OrdinalIgnoreCase)))
        {
            return exact;
        }

        var suffix = "/" + bindingPath.Replace('\\', '/').TrimStart('.', '/');
        var matches = normalized.Where(p => p.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
