using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EvalHarness.Recording;

/// <summary>Serializer options for arbitrary values (tool arguments, additional properties) inside recordings.</summary>
internal static class RecordingJsonContext
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };
}
