using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvalHarness.Cli.Generation;

/// <summary>Writes rows as JSON Lines: one compact object per line, UTF-8 without BOM, LF, non-ASCII text kept readable.</summary>
internal static class JsonLines
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(IEnumerable<JsonObject> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(row.ToJsonString(Options)).Append('\n');
        }

        return text.ToString();
    }

    public static async Task WriteAsync(string? path, IEnumerable<JsonObject> rows, TextWriter stdout, CancellationToken cancellationToken)
    {
        var text = Render(rows);
        if (path is null)
        {
            await stdout.WriteAsync(text).ConfigureAwait(false);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
    }
}
