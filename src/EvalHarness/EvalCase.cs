using System.Text.Json.Nodes;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness;

/// <summary>One dataset row, mapped: what the system under test receives and what its output is judged against.</summary>
/// <remarks>
/// <see cref="Input"/> is always text; when the row holds a conversation, <see cref="Messages"/> has every turn and
/// <see cref="Input"/> is the last user turn. <see cref="Expected"/> is null when the row has no reference (not empty).
/// </remarks>
public sealed class EvalCase
{
    /// <summary>Creates a case.</summary>
    public EvalCase(string id, string input, IReadOnlyList<ChatMessage>? messages = null, string? expected = null,
        IReadOnlyList<string>? context = null, IReadOnlyList<string>? tags = null, JsonObject? vars = null,
        JsonObject? metadata = null, IReadOnlyList<MetricSpec>? assertions = null, JsonObject? fields = null,
        SourceLocation? source = null)
    {
        Id = id;
        Input = input;
        Messages = messages ?? new[] { new ChatMessage(ChatRole.User, input) };
        Expected = expected;
        Context = context ?? [];
        Tags = tags ?? [];
        Vars = vars ?? new JsonObject();
        Metadata = metadata ?? new JsonObject();
        Assertions = assertions ?? [];
        Fields = fields ?? new JsonObject();
        Source = source ?? new SourceLocation(string.Empty, 0, 0);
    }

    /// <summary>The stable id: the row's <c>id</c> field, else a hash of the row's content.</summary>
    public string Id { get; }

    /// <summary>The input as text.</summary>
    public string Input { get; }

    /// <summary>The input as chat messages (one user message for plain-text input).</summary>
    public IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>The expected output or reference answer, or null.</summary>
    public string? Expected { get; }

    /// <summary>Context passages (for example retrieved documents); empty when none.</summary>
    public IReadOnlyList<string> Context { get; }

    /// <summary>Tags for filtering and segment reports.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Free variables for prompt templates (<c>{{vars.x}}</c>).</summary>
    public JsonObject Vars { get; }

    /// <summary>Free metadata carried into results.</summary>
    public JsonObject Metadata { get; }

    /// <summary>Metrics from the row's own <c>assert:</c> list, applied in addition to the suite's.</summary>
    public IReadOnlyList<MetricSpec> Assertions { get; }

    /// <summary>The whole row, for metrics that take a value from a field (<c>field: expected_keywords</c>).</summary>
    public JsonObject Fields { get; }

    /// <summary>The dataset file and line the case came from.</summary>
    public SourceLocation Source { get; }
}
