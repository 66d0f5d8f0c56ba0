extern alias generator;

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using generator::EvalHarness.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EvalHarness.Generators.Tests;

/// <summary>Runs the generator with CSharpGeneratorDriver over in-memory C# and additional files (no Roslyn testing packages here).</summary>
internal sealed class GeneratorHarness
{
    public const string Root = "/repo/";

    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    private readonly List<AdditionalText> _files = [];
    private string _source = "namespace App; public static class Placeholder { }";

    public GeneratorHarness WithFile(string relativePath, string text)
    {
        _files.RemoveAll(f => f.Path == Root + relativePath);
        _files.Add(new MemoryText(Root + relativePath, text));
        return this;
    }

    public AdditionalText File(string relativePath) => _files.Single(f => f.Path == Root + relativePath);

    public GeneratorHarness WithSource(string source)
    {
        _source = source;
        return this;
    }

    public CSharpCompilation Compilation() => CSharpCompilation.Create("App",
        [CSharpSyntaxTree.ParseText(_source, new CSharpParseOptions(LanguageVersion.Latest), path: Root + "Evals.cs")],
        References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        [new EvalSuiteGenerator().AsSourceGenerator()],
        _files,
        new CSharpParseOptions(LanguageVersion.Latest),
        new Options(new Dictionary<string, string> { ["build_property.RootNamespace"] = "App", ["build_property.ProjectDir"] = Root }),
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public (GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run()
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(Compilation(), out var output, out var diagnostics);
        return (driver.GetRunResult(), output, diagnostics);
    }

    public static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return span.Path + "(" + (span.StartLinePosition.Line + 1) + "," + (span.StartLinePosition.Character + 1) + "): " +
            diagnostic.Severity.ToString().ToLowerInvariant() + " " + diagnostic.Id + ": " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return trusted.Concat(local)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .Where(p => !Path.GetFileName(p).StartsWith("testhost", StringComparison.OrdinalIgnoreCase))
            .Where(p => !string.Equals(Path.GetFileName(p), "EvalHarness.Generators.dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    internal sealed class MemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values([]);

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
