namespace EvalHarness.OpenAI;

/// <summary>The endpoint cannot be used as configured: a missing key, a missing model or an invalid URL.</summary>
/// <remarks>
/// Thrown by <see cref="OpenAIChatClient.Create"/> before any network call; a command-line front end reports it as bad
/// configuration (exit code 2). The message names the environment variable or setting to fix and never contains a key.
/// </remarks>
public sealed class EndpointConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EndpointConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EndpointConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public EndpointConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The environment variable to set or fix (for example <c>OPENAI_API_KEY</c>), or null when a setting in a file is at fault.</summary>
    public string? VariableName { get; init; }
}
