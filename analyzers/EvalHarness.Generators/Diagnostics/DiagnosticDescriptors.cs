using Microsoft.CodeAnalysis;

namespace EvalHarness.Generators.Diagnostics;

/// <summary>The catalogue of EvalHarness diagnostics (docs/diagnostics.md). Ids match <c>EvalHarness.Suites.ConfigErrorCode</c>.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "EvalHarness";

    public static readonly DiagnosticDescriptor SuiteFileMissing = Error("EVH001", "Suite file missing");
    public static readonly DiagnosticDescriptor YamlSyntax = Error("EVH002", "YAML syntax error");
    public static readonly DiagnosticDescriptor UnknownKey = Error("EVH003", "Unknown key");
    public static readonly DiagnosticDescriptor UnknownMetric = Error("EVH004", "Unknown metric");
    public static readonly DiagnosticDescriptor InvalidMetricParameter = Error("EVH005", "Invalid metric parameter");
    public static readonly DiagnosticDescriptor DatasetMissing = Error("EVH006", "Dataset missing");
    public static readonly DiagnosticDescriptor MalformedDatasetLine = Error("EVH007", "Malformed dataset line");
    public static readonly DiagnosticDescriptor MappedFieldMissing = Error("EVH008", "Mapped field missing");
    public static readonly DiagnosticDescriptor DuplicateCaseId = Error("EVH009", "Duplicate case id");
    public static readonly DiagnosticDescriptor JudgeNotConfigured = Error("EVH010", "Judge metric without a judge");
    public static readonly DiagnosticDescriptor ThresholdOutOfRange = Error("EVH011", "Threshold out of range");
    public static readonly DiagnosticDescriptor InvalidEvalTarget = Error("EVH012", "[EvalTarget] missing or with a wrong signature");
    public static readonly DiagnosticDescriptor InvalidValue = Error("EVH013", "Invalid value");
    public static readonly DiagnosticDescriptor UnknownPlaceholder = Error("EVH014", "Unknown template placeholder");
    public static readonly DiagnosticDescriptor UnboundSuite = new("EVH015", "Suite without a target", "{0}", Category,
        DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink("EVH015"));
    public static readonly DiagnosticDescriptor NotPartial = Error("EVH016", "[EvalSuite] class is not partial");
    public static readonly DiagnosticDescriptor InvalidFixture = Error("EVH017", "Constructor parameter cannot be a class fixture");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        SuiteFileMissing, YamlSyntax, UnknownKey, UnknownMetric, InvalidMetricParameter, DatasetMissing, MalformedDatasetLine,
        MappedFieldMissing, DuplicateCaseId, JudgeNotConfigured, ThresholdOutOfRange, InvalidEvalTarget, InvalidValue,
        UnknownPlaceholder, UnboundSuite, NotPartial, InvalidFixture,
    ];

    public static DiagnosticDescriptor ById(string id) => All.FirstOrDefault(d => d.Id == id) ?? InvalidValue;

    private static DiagnosticDescriptor Error(string id, string title) =>
        new(id, title, "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static string HelpLink(string id) => "https://github.com/evalharness/evalharness/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant();
}
