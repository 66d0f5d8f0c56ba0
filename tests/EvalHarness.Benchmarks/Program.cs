using BenchmarkDotNet.Running;
using EvalHarness.Benchmarks;

// "generator-cold <cases>" runs the generator once in this fresh process and prints the milliseconds it took: what a build
// without a compiler server pays (load and JIT included), which an in-process benchmark cannot show.
if (args is ["generator-cold", var cases])
{
    Console.WriteLine(GeneratorBenchmarks.ColdRun(int.Parse(cases, System.Globalization.CultureInfo.InvariantCulture)));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
