using System.Text.Json;

namespace EvalHarness.Testing;

/// <summary>One entry of a recorded request's <c>messages</c> array.</summary>
/// <param name="Role">The <c>role</c> property (<c>system</c>, <c>user</c>, <c>assistant</c>, <c>tool</c>, …), or an empty string when absent.</param>
/// <param name="Content">
/// The text of <c>content</c>: the string itself, the concatenated <c>text</c> parts when it is an array of parts,
/// or null when it is absent or null (an assistant message that only calls tools).
/// </param>
/// <param name="Json">The whole message object as sent, for assertions on <c>tool_calls</c>, <c>tool_call_id</c>, <c>name</c>, ….</param>
public sealed record FakeChatMessage(string Role, string? Content, JsonElement Json);
