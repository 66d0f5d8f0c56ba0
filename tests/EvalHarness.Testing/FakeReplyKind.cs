namespace EvalHarness.Testing;

/// <summary>What the server does with a request.</summary>
internal enum FakeReplyKind
{
    /// <summary>A chat completion (JSON, or SSE when the request streams).</summary>
    Completion,

    /// <summary>A fixed status, headers and body, written as-is.</summary>
    Raw,

    /// <summary>Status 200 with a body that is not a valid completion (SSE event when the request streams).</summary>
    Malformed,

    /// <summary>The connection is reset (TCP RST) before any response byte.</summary>
    Reset,

    /// <summary>The connection is closed gracefully (FIN) before any response byte.</summary>
    Close,
}
