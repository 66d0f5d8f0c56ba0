using System.Collections.Immutable;
using EvalHarness.Datasets;
using EvalHarness.Suites;
using EvalHarness.Templates;
using Microsoft.CodeAnalysis;

namespace EvalHarness.Generators.Model;

/// <summary>Validates a suite file and its dataset with the same code the runtime uses, producing a <see cref="SuiteModel"/>.</summary>
internal static class SuiteValidator
{
    public static SuiteModel Validate(string suitePath, string text, ImmutableArray<AdditionalText> files, IEnumerable<MetricDescriptor> customMetrics,
        CancellationToken cancellationToken)
    {
        var errors = new List<ConfigError>();
        var parser = new SuiteParser(customMetrics);
        var definition = parser.Parse(text, suitePath, errors);
        var caseCount = 0;
        if (definition is not null)
        {
            caseCount = ValidateDataset(definition, parser, files, errors, cancellationToken);
            ValidateTemplate(definition.Target.Prompt, definition.Target.PromptIsFile, "target.prompt", definition, files, errors, cancellationToken);
            ValidateTemplate(definition.Target.System, definition.Target.System is { } s && SuiteParser.LooksLikePath(s), "target.system", definition, files,
                errors, cancellationToken);
        }

        var diagnostics = errors.Select(e => DiagnosticInfo.From(ConfigErrorLike.From(e))).ToImmutableArray();
        return new SuiteModel(suitePath, definition?.Name, (int)(definition?.Target.Kind ?? TargetKind.Code), caseCount,
            new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static int ValidateDataset(SuiteDefinition definition, SuiteParser parser, ImmutableArray<AdditionalText> files, List<ConfigError> errors,
        CancellationToken cancellationToken)
    {
        var datasetPath = Normalize(Path.Combine(Path.GetDirectoryName(definition.File) ?? string.Empty, definition.Dataset));
        var file = Find(files, datasetPath);
        if (file is null)
        {
            errors.Add(new ConfigError(ConfigErrorCode.DatasetMissing, definition.DatasetLocation, "dataset",
                "dataset file '" + definition.Dataset + "' is not among the project's AdditionalFiles (resolved to " + datasetPath +
                "); keep datasets under datasets/ or the suite's folder, or add <AdditionalFiles Include=\"…\" />"));
            return 0;
        }

        DatasetFormat format;
        try
        {
            format = DatasetParser.FormatOf(file.Path, file.Path);
        }
        catch (DatasetException ex)
        {
            errors.Add(new ConfigError(ex.Error.Code, definition.DatasetLocation, "dataset", ex.Error.Message));
            return 0;
        }

        var text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        var options = new DatasetOptions
        {
            Mapping = definition.Mapping,
            Assertions = parser.Metrics,
            JudgeConfigured = definition.Judge is not null,
            InputRequired = definition.Target.Kind != TargetKind.Output || definition.Mapping.IsExplicit("input"),
            OutputField = definition.Target.OutputField,
        };

        var count = 0;
        using var reader = new StringReader(text);
        foreach (var entry in DatasetParser.Read(reader, format, file.Path, options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            count++;
            errors.AddRange(entry.Errors);
        }

        return count;
    }

    private static void ValidateTemplate(string? value, bool isFile, string field, SuiteDefinition definition, ImmutableArray<AdditionalText> files,
        List<ConfigError> errors, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return;
        }

        if (!isFile)
        {
            PromptTemplate.Parse(value, definition.File, definition.Target.Location.Line, field, errors);
            return;
        }

        // A prompt file that is not an AdditionalFile is checked at run time only.
        var path = Normalize(Path.Combine(Path.GetDirectoryName(definition.File) ?? string.Empty, value));
        if (Find(files, path)?.GetText(cancellationToken)?.ToString() is { } text)
        {
            PromptTemplate.Parse(text, path, 1, field, errors);
        }
    }

    private static AdditionalText? Find(ImmutableArray<AdditionalText> files, string fullPath) =>
        files.FirstOrDefault(f => string.Equals(Normalize(f.Path), fullPath, StringComparison.OrdinalIgnoreCase));

    public static string Normalize(string path) => Path.GetFullPath(path).Replace('\\', '/');
}
