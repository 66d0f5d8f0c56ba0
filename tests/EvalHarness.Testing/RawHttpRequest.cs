namespace EvalHarness.Testing;

/// <summary>One HTTP/1.1 request as read from the socket, before any OpenAI-specific parsing.</summary>
internal sealed record RawHttpRequest(
    string Method,
    string Target,
    string Version,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body);
