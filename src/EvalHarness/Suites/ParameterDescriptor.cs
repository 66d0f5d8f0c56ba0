namespace EvalHarness.Suites;

/// <summary>Describes one parameter a metric accepts in a suite file or a dataset row's <c>assert:</c> list.</summary>
public sealed class ParameterDescriptor
{
    /// <summary>Creates a descriptor.</summary>
    /// <param name="name">The key as written in YAML, snake-case.</param>
    /// <param name="kind">The accepted type.</param>
    /// <param name="description">One line for docs and error messages.</param>
    /// <param name="required">Whether the key must be present.</param>
    /// <param name="min">Inclusive lower bound for numbers, or null.</param>
    /// <param name="max">Inclusive upper bound for numbers, or null.</param>
    public ParameterDescriptor(string name, ParameterKind kind, string description, bool required = false, double? min = null, double? max = null)
    {
        Name = name;
        Kind = kind;
        Description = description;
        Required = required;
        Min = min;
        Max = max;
    }

    /// <summary>The key as written in YAML.</summary>
    public string Name { get; }

    /// <summary>The accepted type.</summary>
    public ParameterKind Kind { get; }

    /// <summary>One line for docs and error messages.</summary>
    public string Description { get; }

    /// <summary>Whether the key must be present.</summary>
    public bool Required { get; }

    /// <summary>Inclusive lower bound for numbers, or null for none.</summary>
    public double? Min { get; }

    /// <summary>Inclusive upper bound for numbers, or null for none.</summary>
    public double? Max { get; }
}
