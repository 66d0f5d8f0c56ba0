using System.Text;

namespace EvalHarness.Tests.Datasets;

/// <summary>A temporary directory for dataset files written by a test, deleted afterwards.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("evalharness-datasets-").FullName;

    /// <summary>Writes UTF-8 text without a byte order mark, exactly as given (no line-ending conversion).</summary>
    public string Write(string name, string text) => WriteBytes(name, new UTF8Encoding(false).GetBytes(text));

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
