namespace EvalHarness.Suites;

/// <summary>One problem in a suite or dataset file, with the place it was found.</summary>
/// <remarks>
/// <see cref="Field"/> is the dotted path of the offending key (for example <c>metrics[2].regex.value</c>),
/// or empty when the problem concerns the whole file.
/// </remarks>
public sealed class ConfigError
{
    /// <summary>Creates an error.</summary>
    public ConfigError(string code, SourceLocation location, string field, string message)
    {
        Code = code;
        Location = location;
        Field = field ?? string.Empty;
        Message = message;
    }

    /// <summary>The stable error identifier, one of <see cref="ConfigErrorCode"/>.</summary>
    public string Code { get; }

    /// <summary>Where the problem is.</summary>
    public SourceLocation Location { get; }

    /// <summary>The dotted path of the offending key, or empty.</summary>
    public string Field { get; }

    /// <summary>What is wrong and, where possible, how to fix it.</summary>
    public string Message { get; }

    /// <summary>Formats the error as <c>file(line,col): error EVH0xx: field: message</c>.</summary>
    public override string ToString() =>
        Location + ": error " + Code + ": " + (Field.Length == 0 ? string.Empty : Field + ": ") + Message;
}
