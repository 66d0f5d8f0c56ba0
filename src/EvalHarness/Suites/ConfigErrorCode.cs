namespace EvalHarness.Suites;

/// <summary>
/// Stable identifiers of configuration errors. The same identifiers are the build-time diagnostic ids
/// (<c>EVH0xx</c>) so a message seen at build time and at run time can be searched for in docs/diagnostics.md.
/// </summary>
public static class ConfigErrorCode
{
    /// <summary>The suite file does not exist or cannot be read.</summary>
    public const string SuiteFileMissing = "EVH001";

    /// <summary>The suite file is not valid YAML.</summary>
    public const string YamlSyntax = "EVH002";

    /// <summary>A key that the suite format does not define.</summary>
    public const string UnknownKey = "EVH003";

    /// <summary>A metric name that no built-in or registered metric has.</summary>
    public const string UnknownMetric = "EVH004";

    /// <summary>A metric parameter that is missing, unknown or of the wrong type.</summary>
    public const string InvalidMetricParameter = "EVH005";

    /// <summary>The dataset file does not exist or cannot be read.</summary>
    public const string DatasetMissing = "EVH006";

    /// <summary>A dataset line that cannot be parsed.</summary>
    public const string MalformedDatasetLine = "EVH007";

    /// <summary>A field named by the suite's <c>mapping:</c> is missing from a dataset row.</summary>
    public const string MappedFieldMissing = "EVH008";

    /// <summary>Two dataset rows share one case id.</summary>
    public const string DuplicateCaseId = "EVH009";

    /// <summary>A judge metric in a suite that configures no judge.</summary>
    public const string JudgeNotConfigured = "EVH010";

    /// <summary>A threshold or rate outside its range.</summary>
    public const string ThresholdOutOfRange = "EVH011";

    /// <summary>A required key is missing, or a value has the wrong type.</summary>
    public const string InvalidValue = "EVH013";

    /// <summary>A prompt template uses a placeholder that the case does not provide.</summary>
    public const string UnknownPlaceholder = "EVH014";
}
