using Microsoft.Extensions.AI;

namespace EvalHarness.Recording;

/// <summary>Stands in for an endpoint that is not configured: every call throws <see cref="EndpointNotConfiguredException"/> with the reason.</summary>
public sealed class UnconfiguredChatClient(string reason) : IChatClient
{
    /// <summary>Why no endpoint is configured, and how to configure one.</summary>
    public string Reason => reason;

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new EndpointNotConfiguredException(reason);

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new EndpointNotConfiguredException(reason);

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
