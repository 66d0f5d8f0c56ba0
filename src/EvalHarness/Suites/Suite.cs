using System.Security.Cryptography;
using System.Text;
using EvalHarness.Datasets;
using EvalHarness.Metrics;
using EvalHarness.Templates;

namespace EvalHarness.Suites;

/// <summary>A suite loaded for running: its validated definition plus resolved paths, templates and hashes.</summary>
/// <remarks>Paths in the suite file are relative to the suite file. Display paths are as the user passed them, for error messages.</remarks>
public sealed class Suite
{
    private Suite(SuiteDefinition definition, string filePath, string datasetPath, string datasetDisplayPath, PromptTemplate? prompt,
        PromptTemplate? system, string hash)
    {
        Definition = definition;
        FilePath = filePath;
        DatasetPath = datasetPath;
        DatasetDisplayPath = datasetDisplayPath;
        Prompt = prompt;
        System = system;
        Hash = hash;
    }

    /// <summary>The validated suite file.</summary>
    public SuiteDefinition Definition { get; }

    /// <summary>The suite's name.</summary>
    public string Name => Definition.Name;

    /// <summary>The suite file's full path.</summary>
    public string FilePath { get; }

    /// <summary>The folder holding the suite file, <c>baselines/</c> and <c>recordings/</c>.</summary>
    public string Directory => Path.GetDirectoryName(FilePath)!;

    /// <summary>The folder where recordings of model calls live.</summary>
    public string RecordingsDirectory => Path.Combine(Directory, "recordings");

    /// <summary>The folder where baselines live.</summary>
    public string BaselinesDirectory => Path.Combine(Directory, "baselines");

    /// <summary>The dataset's full path.</summary>
    public string DatasetPath { get; }

    /// <summary>The dataset path for messages, relative to the current directory where possible.</summary>
    public string DatasetDisplayPath { get; }

    /// <summary>The prompt template of a <see cref="TargetKind.Prompt"/> target, or null.</summary>
    public PromptTemplate? Prompt { get; }

    /// <summary>The system message template, or null.</summary>
    public PromptTemplate? System { get; }

    /// <summary>The suite's <c>metrics:</c>, created and validated at load.</summary>
    public IReadOnlyList<IMetric> Metrics { get; private init; } = [];

    /// <summary><c>sha256:</c> hash of the suite file and its prompt templates, for provenance.</summary>
    public string Hash { get; }

    /// <summary>Loads and validates a suite file.</summary>
    /// <param name="path">The suite file.</param>
    /// <param name="metrics">The metric registry (custom metrics become valid names); the default registry when null.</param>
    /// <exception cref="EvalConfigurationException">The suite, its dataset path or its templates are invalid.</exception>
    public static Suite Load(string path, MetricRegistry? metrics = null)
    {
        var display = DisplayPath(path);
        var errors = new List<ConfigError>();
        if (!File.Exists(path))
        {
            throw new EvalConfigurationException([new ConfigError(ConfigErrorCode.SuiteFileMissing, new SourceLocation(display, 0, 0), string.Empty,
                "suite file not found (full path: " + Path.GetFullPath(path) + ")")]);
        }

        var text = File.ReadAllText(path);
        metrics ??= MetricRegistry.CreateDefault();
        var parser = new SuiteParser(metrics.CustomDescriptors);
        var definition = parser.Parse(text, display, errors);
        if (definition is null)
        {
            throw new EvalConfigurationException(errors);
        }

        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        var datasetPath = Path.GetFullPath(Path.Combine(directory, definition.Dataset));
        if (!File.Exists(datasetPath))
        {
            errors.Add(new ConfigError(ConfigErrorCode.DatasetMissing, definition.DatasetLocation, "dataset",
                "dataset file '" + definition.Dataset + "' not found (resolved relative to the suite file: " + datasetPath + ")"));
        }
        else
        {
            try
            {
                _ = DatasetReader.DetectFormat(datasetPath);
            }
            catch (DatasetException ex)
            {
                errors.Add(new ConfigError(ConfigErrorCode.DatasetMissing, definition.DatasetLocation, "dataset", ex.Error.Message));
            }
        }

        // Settings the parser cannot check (a JSON Schema that does not compile, min above max) surface here, before any case runs.
        var created = metrics.CreateAll(definition.Metrics, errors);

        var hashInput = new StringBuilder(text);
        var prompt = LoadTemplate(definition.Target.Prompt, definition.Target.PromptIsFile, "target.prompt", definition, directory, display, hashInput, errors);
        var system = LoadTemplate(definition.Target.System, definition.Target.System is { } s && SuiteParser.LooksLikePath(s), "target.system",
            definition, directory, display, hashInput, errors);
        if (errors.Count > 0)
        {
            throw new EvalConfigurationException(errors);
        }

        var hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hashInput.ToString().ReplaceLineEndings("\n"))));
        return new Suite(definition, fullPath, datasetPath, DisplayPath(datasetPath), prompt, system, hash) { Metrics = created };
    }

    private static PromptTemplate? LoadTemplate(string? value, bool isFile, string field, SuiteDefinition definition, string directory,
        string display, StringBuilder hashInput, List<ConfigError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!isFile)
        {
            return PromptTemplate.Parse(value, display, definition.Target.Location.Line, field, errors);
        }

        var templatePath = Path.GetFullPath(Path.Combine(directory, value));
        if (!File.Exists(templatePath))
        {
            errors.Add(new ConfigError(ConfigErrorCode.InvalidValue, definition.Target.Location, field,
                "prompt file '" + value + "' not found (resolved relative to the suite file: " + templatePath + ")"));
            return null;
        }

        var text = File.ReadAllText(templatePath);
        hashInput.Append('\0').Append(text);
        return PromptTemplate.Parse(text, DisplayPath(templatePath), 1, field, errors);
    }

    /// <summary>A path relative to the current directory when it lies below it, else the full path; always with '/' separators.</summary>
    internal static string DisplayPath(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        return shown.Replace('\\', '/');
    }
}
