extern alias generator;

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using generator::EvalHarness.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EvalHarness.Benchmarks;

/// <summary>
/// The EvalHarness source generator on a project with a 10,000-case suite, driven by CSharpGeneratorDriver as the compiler drives it:
/// the first run (validate the suite and every dataset row, emit), a re-run after an unrelated C# edit (every step cached), and a
/// re-run after one dataset row changed (the dataset is validated again). scripts/bench-generator.sh measures the same in a real build.
/// Run: <c>dotnet run -c Release --project tests/EvalHarness.Benchmarks -- --filter *GeneratorBenchmarks* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const string Root = "/bench/";
    private const int DefaultCases = 10_000;
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private ImmutableArray<AdditionalText> _files;
    private AdditionalText _dataset = null!;
    private AdditionalText _editedDataset = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;

    /// <summary>Rows in the dataset.</summary>
    public int Cases { get; set; } = DefaultCases;

    /// <summary>
    /// One generator run in a fresh process, in milliseconds, with everything it needs loaded and compiled first except the generator's
    /// own code paths (its assembly, YamlDotNet and the dataset parser are loaded and JIT-compiled inside the measurement).
    /// </summary>
    public static string ColdRun(int cases)
    {
        var benchmark = new GeneratorBenchmarks { Cases = cases };
        benchmark.Prepare();

        // Roslyn's own driver and compilation paths are warm in a real csc by the time generators run: warm them with an empty run.
        CSharpGeneratorDriver.Create([new EmptyGenerator().AsSourceGenerator()], [], ParseOptions).RunGenerators(benchmark._compilation);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = benchmark.FirstRun().GetRunResult();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        return elapsed.ToString("0", CultureInfo.InvariantCulture) + " ms for " + cases + " cases (" + result.GeneratedTrees.Length + " files, " +
            result.Diagnostics.Length + " diagnostics)";
    }

    /// <summary>Builds the in-memory project (the same files scripts/bench-generator.sh writes) and runs the generator once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Prepare();
        _warm = Driver().RunGenerators(_compilation);
        var result = _warm.GetRunResult();
        if (result.Diagnostics.Length > 0 || result.GeneratedTrees.Length != 2)
        {
            throw new InvalidOperationException("the generator did not emit the suite: " + string.Join("; ", result.Diagnostics));
        }
    }

    private void Prepare()
    {
        var rows = new StringBuilder();
        for (var i = 0; i < Cases; i++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"case-{i}\",\"question\":\"Refund question number {i}?\"}}\n");
        }

        var suite = new MemoryText(Root + "eval-suites/faq/suite.yaml",
            "name: faq\ndataset: ../../datasets/faq.jsonl\nmapping: { input: question }\nmetrics:\n  - icontains: refund\n");
        _dataset = new MemoryText(Root + "datasets/faq.jsonl", rows.ToString());
        _editedDataset = new MemoryText(_dataset.Path, rows.ToString().Replace("number 5000?", "number 5000, edited?", StringComparison.Ordinal));
        _files = [suite, _dataset];

        const string Source = """
            using System.Threading;
            using System.Threading.Tasks;
            using EvalHarness;
            using Microsoft.Extensions.AI;

            namespace Bench;

            [EvalSuite("eval-suites/faq/suite.yaml")]
            public partial class FaqEvals
            {
                [EvalTarget]
                public Task<ChatResponse> AnswerAsync(EvalCase c, CancellationToken ct) =>
                    Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "About your refund: " + c.Input)));
            }
            """;

        // The attributes live in EvalHarness.Xunit; declaring them here keeps xUnit out of the benchmark process (the generator matches names).
        const string Attributes = """
            namespace EvalHarness
            {
                [System.AttributeUsage(System.AttributeTargets.Class)]
                public sealed class EvalSuiteAttribute(string path) : System.Attribute { public string Path { get; } = path; }

                [System.AttributeUsage(System.AttributeTargets.Method)]
                public sealed class EvalTargetAttribute : System.Attribute { }
            }
            """;

        _compilation = CSharpCompilation.Create("Bench",
            [CSharpSyntaxTree.ParseText(Source, ParseOptions, path: Root + "FaqEvals.cs"), CSharpSyntaxTree.ParseText(Attributes, ParseOptions, path: Root + "Attributes.cs")],
            References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Bench; public static class Unrelated { public static int X => 1; }",
            ParseOptions, path: Root + "Unrelated.cs"));
    }

    /// <summary>A fresh driver: what a build without a compiler server pays (every step runs).</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver FirstRun() => Driver().RunGenerators(_compilation);

    /// <summary>An unrelated C# file was added: every step should be cached, so this should cost next to nothing.</summary>
    [Benchmark]
    public GeneratorDriver RerunAfterUnrelatedEdit() => _warm.RunGenerators(_edited);

    /// <summary>One dataset row changed: the suite's dataset is validated again.</summary>
    [Benchmark]
    public GeneratorDriver RerunAfterDatasetEdit() => _warm.ReplaceAdditionalText(_dataset, _editedDataset).RunGenerators(_compilation);

    private GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        [new EvalSuiteGenerator().AsSourceGenerator()],
        _files,
        ParseOptions,
        new Options(new Dictionary<string, string> { ["build_property.RootNamespace"] = "Bench", ["build_property.ProjectDir"] = Root }),
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static ImmutableArray<MetadataReference> References()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = new[] { "EvalHarness.dll", "Microsoft.Extensions.AI.Abstractions.dll" }.Select(f => Path.Combine(AppContext.BaseDirectory, f));
        return trusted.Where(p => !Path.GetFileName(p).StartsWith("EvalHarness", StringComparison.OrdinalIgnoreCase)).Concat(local)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToImmutableArray();
    }

    private sealed class EmptyGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(context.AdditionalTextsProvider.Collect(), static (_, _) => { });
    }

    private sealed class MemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

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
