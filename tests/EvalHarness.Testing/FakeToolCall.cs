namespace EvalHarness.Testing;

/// <summary>A function tool call the fake model answers with (an entry of <c>message.tool_calls</c>).</summary>
/// <param name="Id">The call id (<c>call_…</c>) the client must echo in its tool message.</param>
/// <param name="Name">The function name.</param>
/// <param name="ArgumentsJson">The arguments as a JSON text, exactly as the model would send it (it may be invalid JSON on purpose).</param>
public sealed record FakeToolCall(string Id, string Name, string ArgumentsJson);
