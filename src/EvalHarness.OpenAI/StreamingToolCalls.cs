using System.Text;
using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace EvalHarness.OpenAI;

/// <summary>Accumulates streamed tool-call fragments (id and name first, arguments in pieces) by their index.</summary>
internal sealed class StreamingToolCalls
{
    private readonly SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)> calls = [];

    public bool IsEmpty => calls.Count == 0;

    public void Add(Sdk.StreamingChatToolCallUpdate update)
    {
        if (!calls.TryGetValue(update.Index, out var call))
        {
            call = (null, null, new StringBuilder());
        }

        call.Id ??= update.ToolCallId;
        call.Name ??= update.FunctionName;
        if (update.FunctionArgumentsUpdate is { } arguments && !arguments.IsEmpty)
        {
            call.Arguments.Append(arguments.ToString());
        }

        calls[update.Index] = call;
    }

    public IEnumerable<FunctionCallContent> ToFunctionCalls() =>
        calls.Values.Select(c => ChatResponseMapper.ToFunctionCall(c.Id ?? string.Empty, c.Name ?? string.Empty, c.Arguments.ToString()));
}
