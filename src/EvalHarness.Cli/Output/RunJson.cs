using System.Text.Encodings.Web;
using System.Text.Json;
using EvalHarness.Recording;
using EvalHarness.Running;

namespace EvalHarness.Cli.Output;

/// <summary>
/// The machine-readable summary <c>run --json</c> and <c>merge --json</c> print on stdout: exit code, where the results are, and each suite's
/// verdict, counts and gate checks. The full record is the results.json it points at.
/// </summary>
internal static class RunJson
{
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions Options = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(RunResult run, string folder)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteString("runId", run.RunId);
            w.WriteNumber("exitCode", run.ExitCode);
            w.WriteString("outcome", Describe.ExitCode(run.ExitCode));
            w.WriteString("mode", run.Mode.ToContractString());
            if (run.Shard is { } shard)
            {
                w.WriteString("shard", shard.ToString());
            }
            else
            {
                w.WriteNull("shard");
            }

            w.WriteBoolean("complete", run.Complete);
            w.WriteString("folder", folder);
            w.WriteString("results", Path.Combine(folder, "results.json"));
            w.WriteStartArray("suites");
            foreach (var suite in run.Suites)
            {
                WriteSuite(w, suite);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSuite(Utf8JsonWriter w, SuiteResult suite)
    {
        var a = suite.Aggregates;
        w.WriteStartObject();
        w.WriteString("name", suite.Name);
        w.WriteString("file", suite.File);
        if (suite.Dataset is { } dataset)
        {
            w.WriteString("dataset", dataset);
        }
        else
        {
            w.WriteNull("dataset");
        }

        w.WriteString("verdict", suite.Verdict.ToContractString());
        w.WriteBoolean("complete", suite.Complete);
        w.WriteNumber("cases", a.Cases);
        w.WriteNumber("passed", a.Passed);
        w.WriteNumber("failed", a.Failed);
        w.WriteNumber("inconclusive", a.Inconclusive);
        w.WriteNumber("errors", a.Errors);
        if (a.PassRate is { } rate)
        {
            w.WriteNumber("passRate", rate);
        }
        else
        {
            w.WriteNull("passRate");
        }

        w.WriteStartArray("gate");
        foreach (var check in suite.Gate.Checks)
        {
            w.WriteStartObject();
            w.WriteString("name", check.Name);
            w.WriteString("verdict", check.Verdict.ToContractString());
            w.WriteString("reason", check.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("configurationErrors");
        foreach (var error in suite.ConfigurationErrors)
        {
            w.WriteStringValue(error.ToString());
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
