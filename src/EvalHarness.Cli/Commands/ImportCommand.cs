using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EvalHarness.Importing;
using EvalHarness.Running;
using EvalHarness.Suites;

namespace EvalHarness.Cli.Commands;

/// <summary>
/// <c>evalharness import &lt;exports…&gt; -o &lt;dataset.jsonl&gt; [--format f] [--map field=path,…] [filters] [--sample n --seed s] [--scrub-pii]</c>:
/// turns exported traces into a dataset a suite with <c>target: { output: output }</c> can score. Exits 0, or 2 on bad input.
/// </summary>
internal static class ImportCommand
{
    // Keeps non-ASCII text (—, ä, →) readable in the dataset instead of \u escapes; the file is data, not HTML.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("exports") { Description = "Trace exports: OTLP JSON, Langfuse or Opik JSON/JSONL, or plain JSONL", Arity = ArgumentArity.OneOrMore };
        var target = new Option<string>("--output", "-o") { Description = "The dataset to write (JSONL)", Required = true };
        var format = new Option<string?>("--format") { Description = "otlp, langfuse, opik or jsonl (default: detected per file)" };
        var map = new Option<string?>("--map") { Description = "Field paths by dataset field, e.g. input=request.text,output=response,expected=label" };
        var since = new Option<string?>("--since") { Description = "Keep traces at or after this ISO 8601 time" };
        var until = new Option<string?>("--until") { Description = "Keep traces before this ISO 8601 time" };
        var tags = new Option<string[]>("--tag") { Description = "Keep traces with this tag (repeatable: all must match)", AllowMultipleArgumentsPerToken = false };
        var model = new Option<string?>("--model") { Description = "Keep traces of this model" };
        var scoreBelow = new Option<double?>("--score-below") { Description = "Keep traces with a score below this value" };
        var thumbsDown = new Option<bool>("--thumbs-down") { Description = "Keep traces with negative user feedback (hard negatives)" };
        var errorsOnly = new Option<bool>("--errors-only") { Description = "Keep traces that ended in an error" };
        var sample = new Option<int?>("--sample") { Description = "Keep a seeded random sample of n rows" };
        var seed = new Option<int>("--seed") { Description = "Seed of --sample (default 0)" };
        var scrub = new Option<bool>("--scrub-pii") { Description = "Replace personal data with [REDACTED:<kind>]" };
        var command = new Command("import", "Turn exported traces (OTLP, Langfuse, Opik, JSONL) into a dataset: filters, sampling, de-duplication, PII scrubbing")
        {
            files, target, format, map, since, until, tags, model, scoreBelow, thumbsDown, errorsOnly, sample, seed, scrub,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TraceImportOptions options;
            try
            {
                options = new TraceImportOptions
                {
                    Format = Format(parse.GetValue(format)),
                    Map = Map(parse.GetValue(map)),
                    Since = Time(parse.GetValue(since), "--since"),
                    Until = Time(parse.GetValue(until), "--until"),
                    Tags = parse.GetValue(tags) ?? [],
                    Model = parse.GetValue(model),
                    ScoreBelow = parse.GetValue(scoreBelow),
                    ThumbsDown = parse.GetValue(thumbsDown),
                    ErrorsOnly = parse.GetValue(errorsOnly),
                    Sample = parse.GetValue(sample) is { } n && n < 0 ? throw new ArgumentException("--sample must be 0 or more") : parse.GetValue(sample),
                    Seed = parse.GetValue(seed),
                    ScrubPii = parse.GetValue(scrub),
                };
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync("evalharness: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            TraceImportResult result;
            try
            {
                result = TraceImporter.Import(parse.GetValue(files)!, options);
            }
            catch (EvalConfigurationException ex)
            {
                foreach (var problem in ex.Errors)
                {
                    await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
                }

                return ExitCodes.BadInput;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync("evalharness: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var path = parse.GetValue(target)!;
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            var text = new StringBuilder();
            foreach (var row in result.Rows)
            {
                text.Append(row.ToJsonString(Readable)).Append('\n');
            }

            await File.WriteAllTextAsync(path, text.ToString(), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"imported {result.Rows.Count} row(s) from {result.Read} trace(s) ({result.Filtered} filtered out, {result.Duplicates} duplicate(s), {result.Unsampled} not sampled) → {path}"))
                .ConfigureAwait(false);
            return ExitCodes.Passed;
        });
        return command;
    }

    private static TraceFormat Format(string? value) => value?.ToLowerInvariant() switch
    {
        null => TraceFormat.Auto,
        "otlp" => TraceFormat.Otlp,
        "langfuse" => TraceFormat.Langfuse,
        "opik" => TraceFormat.Opik,
        "jsonl" => TraceFormat.Jsonl,
        _ => throw new ArgumentException("--format must be otlp, langfuse, opik or jsonl, not '" + value + "'"),
    };

    private static Dictionary<string, string> Map(string? value)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1)
            {
                throw new ArgumentException("--map expects field=path pairs separated by commas, not '" + pair + "'");
            }

            map[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }

        return map;
    }

    private static DateTimeOffset? Time(string? value, string option) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed
        : throw new ArgumentException(option + " expects an ISO 8601 time, not '" + value + "'");
}
