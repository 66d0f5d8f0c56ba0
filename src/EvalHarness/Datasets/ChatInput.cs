using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace EvalHarness.Datasets;

/// <summary>An input written as a conversation: a list of <c>{ "role": …, "content": … }</c> messages (OpenAI's shape).</summary>
/// <remarks>
/// <c>content</c> is text, or a list of parts of which the <c>{ "type": "text", "text": … }</c> ones are joined with line
/// breaks. The case's text input is the last <c>user</c> message; a conversation without one is an error.
/// </remarks>
internal static class ChatInput
{
    /// <summary>True when <paramref name="node"/> looks like a conversation rather than arbitrary JSON.</summary>
    public static bool IsConversation(JsonNode? node) => node is JsonArray array && array.Any(i => i is JsonObject o && o.ContainsKey("role"));

    public static (string Input, IReadOnlyList<ChatMessage>? Messages) Read(RowScope scope, RowScope.Selection selection, JsonArray conversation)
    {
        var before = scope.Errors.Count;
        var messages = new List<ChatMessage>(conversation.Count);
        string? lastUser = null;
        for (var i = 0; i < conversation.Count; i++)
        {
            var at = "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (conversation[i] is not JsonObject message)
            {
                scope.Invalid(selection, conversation[i], "expected a message { \"role\": ..., \"content\": ... }, found " + RowScope.Describe(conversation[i]), at);
                continue;
            }

            if (message["role"] is not JsonValue role || !role.TryGetValue<string>(out var roleName) || roleName.Length == 0)
            {
                var found = message["role"];
                scope.Invalid(selection, found ?? message, "expected a role such as 'system', 'user' or 'assistant', found " + RowScope.Describe(found), at + ".role");
                continue;
            }

            var text = Content(scope, selection, message, at);
            if (text is null)
            {
                continue;
            }

            messages.Add(new ChatMessage(new ChatRole(roleName), text));
            if (string.Equals(roleName, "user", StringComparison.OrdinalIgnoreCase))
            {
                lastUser = text;
            }
        }

        if (scope.Errors.Count != before)
        {
            return (string.Empty, null);
        }

        if (lastUser is null)
        {
            scope.Invalid(selection, conversation, "a conversation needs at least one message with role 'user'; it is the input the case is about");
            return (string.Empty, null);
        }

        return (lastUser, messages);
    }

    private static string? Content(RowScope scope, RowScope.Selection selection, JsonObject message, string at)
    {
        var content = message["content"];
        if (content is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        if (content is JsonArray parts)
        {
            var texts = new List<string>();
            foreach (var part in parts)
            {
                if (part is JsonObject p && p["text"] is JsonValue t && t.TryGetValue<string>(out var partText))
                {
                    texts.Add(partText);
                }
                else if (part is not JsonObject o || o["type"] is not JsonValue type || !type.TryGetValue<string>(out var kind) || kind == "text")
                {
                    scope.Invalid(selection, part ?? content, "expected a content part { \"type\": \"text\", \"text\": ... }, found " + RowScope.Describe(part), at + ".content");
                    return null;
                }
            }

            return string.Join("\n", texts);
        }

        scope.Invalid(selection, content ?? message, "expected the message text, or a list of { \"type\": \"text\", \"text\": ... } parts, found " +
            RowScope.Describe(content), at + ".content");
        return null;
    }
}
