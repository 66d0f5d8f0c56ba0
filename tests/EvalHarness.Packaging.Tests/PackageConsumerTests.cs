using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace EvalHarness.Packaging.Tests;

/// <summary>
/// Packs the repository's shipping packages into a local folder feed, creates a new xunit.v3 3.2.2 project that references
/// them, and checks what a user sees: one test per dataset case plus a Gate per suite, and a build error at the dataset line.
/// </summary>
public sealed partial class PackageConsumerTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _work = Path.Combine(Path.GetTempPath(), "evh-pack-" + Guid.NewGuid().ToString("N")[..10]);

    public PackageConsumerTests() => Directory.CreateDirectory(_work);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the temp folder is not worth failing a test over.
        }
    }

    [Fact]
    public async Task ConsumerProjectRunsOneTestPerCaseAndFailsTheBuildOnABadDatasetLine()
    {
        var ct = TestContext.Current.CancellationToken;
        var repo = RepositoryRoot();
        var feed = Path.Combine(_work, "feed");
        // A unique version keeps the global package cache from serving an older build of the same version.
        var version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var pack = await RunAsync("dotnet", ["pack", Path.Combine(repo, "EvalHarness.sln"), "-c", Configuration, "--no-build", "-o", feed, "-p:PackageVersion=" + version], repo, ct);
        Assert.True(pack.ExitCode == 0, pack.Output);
        var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "EvalHarness", "EvalHarness.Cli", "EvalHarness.OpenAI", "EvalHarness.Xunit" }.Select(p => p + "." + version + ".nupkg"), packages);

        var project = Path.Combine(_work, "Consumer");
        WriteConsumer(project, feed, version);
        var test = await RunAsync("dotnet", ["test"], project, ct);
        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Equal("6", Summary(test.Output, "total"));
        Assert.Equal("6", Summary(test.Output, "succeeded"));

        File.WriteAllText(Path.Combine(project, "datasets", "faq.jsonl"),
            "{\"id\":\"a\",\"question\":\"How do refunds work?\"}\n{\"id\":\"b\",\"question\": oops}\n{\"id\":\"c\",\"question\":\"Refund?\"}\n");
        var build = await RunAsync("dotnet", ["build"], project, ct);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Matches(@"datasets[/\\]faq\.jsonl\(2,\d+\): error EVH007: ", build.Output);
    }

    private static void WriteConsumer(string project, string feed, string version)
    {
        Directory.CreateDirectory(Path.Combine(project, "eval-suites", "faq"));
        Directory.CreateDirectory(Path.Combine(project, "eval-suites", "logs"));
        Directory.CreateDirectory(Path.Combine(project, "datasets"));
        File.WriteAllText(Path.Combine(project, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <UseMicrosoftTestingPlatformRunner>true</UseMicrosoftTestingPlatformRunner>
                <TestingPlatformDotnetTestSupport>true</TestingPlatformDotnetTestSupport>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="xunit.v3" Version="3.2.2" />
                <PackageReference Include="EvalHarness.Xunit" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        File.WriteAllText(Path.Combine(project, "eval-suites", "faq", "suite.yaml"),
            "name: faq\ndataset: ../../datasets/faq.jsonl\nmapping: { input: question }\nmetrics:\n  - icontains: refund\n");
        File.WriteAllText(Path.Combine(project, "datasets", "faq.jsonl"),
            "{\"id\":\"a\",\"question\":\"How do refunds work?\"}\n{\"id\":\"b\",\"question\":\"Can I get a refund?\"}\n{\"id\":\"c\",\"question\":\"Refund?\"}\n");
        File.WriteAllText(Path.Combine(project, "eval-suites", "logs", "suite.yaml"),
            "name: logs\ndataset: ../../datasets/logs.jsonl\ntarget: { output: answer }\nmetrics:\n  - contains: days\n");
        File.WriteAllText(Path.Combine(project, "datasets", "logs.jsonl"), "{\"id\":\"l1\",\"input\":\"q\",\"answer\":\"within 30 days\"}\n");
        File.WriteAllText(Path.Combine(project, "FaqEvals.cs"), """
            using EvalHarness;
            using Microsoft.Extensions.AI;

            namespace Consumer;

            public sealed class EchoBot
            {
                public Task<ChatResponse> AnswerAsync(string question, CancellationToken ct) =>
                    Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "About your question: " + question)));
            }

            [EvalSuite("eval-suites/faq/suite.yaml")]
            public partial class FaqEvals(EchoBot bot)
            {
                [EvalTarget]
                public Task<ChatResponse> AnswerAsync(EvalCase c, CancellationToken ct) => bot.AnswerAsync(c.Input, ct);
            }
            """);
    }

    private static string Summary(string output, string key) =>
        SummaryLine().Matches(output).Where(m => m.Groups[1].Value == key).Select(m => m.Groups[2].Value).LastOrDefault() ?? "(missing)";

    [GeneratedRegex(@"^\s*(total|failed|succeeded|skipped):\s*(\d+)", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, string directory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["EVALHARNESS_MODE"] = "auto";
        start.Environment["EVALHARNESS_ARTIFACTS"] = Path.Combine(directory, "artifacts", "evals");
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvalHarness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EvalHarness.sln not found");
    }
}
