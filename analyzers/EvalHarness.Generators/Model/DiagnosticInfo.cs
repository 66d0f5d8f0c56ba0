using EvalHarness.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace EvalHarness.Generators.Model;

/// <summary>A diagnostic as plain values, created inside pipeline steps and reported at the output.</summary>
internal sealed record DiagnosticInfo(string Id, string Message, LocationInfo Location)
{
    public Diagnostic ToDiagnostic() => Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location.ToLocation(), Message);

    public static DiagnosticInfo From(ConfigErrorLike error) => new(error.Code, error.Text, LocationInfo.InFile(error.File, error.Line, error.Column));
}

/// <summary>The parts of a configuration error the generator needs, detached from the shared model type.</summary>
internal readonly record struct ConfigErrorLike(string Code, string File, int Line, int Column, string Text)
{
    public static ConfigErrorLike From(EvalHarness.Suites.ConfigError error) =>
        new(error.Code, error.Location.File, error.Location.Line, error.Location.Column,
            (error.Field.Length == 0 ? string.Empty : error.Field + ": ") + error.Message);
}
