using NJsonSchema;
using NJsonSchema.References;

namespace EvalHarness.Metrics.Json;

/// <summary>Resolves <c>$ref</c>s inside the schema and to local files, but never over the network (runs must be offline and deterministic).</summary>
internal sealed class OfflineReferenceResolver(JsonSchemaAppender appender) : JsonReferenceResolver(appender)
{
    public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the schema refers to '" + url + "'; remote $ref targets are not fetched (copy the schema into a local file)");
}
