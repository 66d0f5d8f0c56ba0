using System.Text.Json.Nodes;
using EvalHarness.Recording;
using Microsoft.Extensions.AI;

namespace EvalHarness.Tests.Recording;

public sealed class RecordingStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "evh-rec-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static RecordedCall Call(string key, string text) => new(key, "case/../1", new JsonObject { ["messages"] = new JsonArray("hi") },
        new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { ModelId = "m", Usage = new UsageDetails { InputTokenCount = 3, OutputTokenCount = 5, TotalTokenCount = 8 } },
        812.34, 120.06);

    [Fact]
    public void SaveThenLoadRoundTripsResponseUsageAndTiming()
    {
        var key = "sha256:" + new string('a', 64);
        new RecordingStore(_directory).Save(Call(key, "héllo ✓"));

        var loaded = new RecordingStore(_directory).Load(key)!;

        Assert.Equal("héllo ✓", loaded.Response.Text);
        Assert.Equal(8, loaded.Response.Usage!.TotalTokenCount);
        Assert.Equal(812.3, loaded.LatencyMs);
        Assert.Equal(120.1, loaded.TimeToFirstTokenMs);
        var file = Assert.Single(Directory.GetFiles(_directory));
        Assert.Equal("case____1.aaaaaaaaaaaaaaaa.json", Path.GetFileName(file));
        var text = File.ReadAllText(file);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void HandEditedRecordingIsRefused()
    {
        var key = "sha256:" + new string('b', 64);
        var store = new RecordingStore(_directory);
        store.Save(Call(key, "original"));
        var file = Directory.GetFiles(_directory).Single();
        File.WriteAllText(file, File.ReadAllText(file).Replace("original", "tampered", StringComparison.Ordinal));

        var ex = Assert.Throws<RecordingException>(() => new RecordingStore(_directory).Load(key));
        Assert.Contains("failed its content-hash check", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingKeyLoadsNull() => Assert.Null(new RecordingStore(_directory).Load("sha256:" + new string('c', 64)));

    [Fact]
    public void SaveLeavesNoTemporaryFiles()
    {
        var store = new RecordingStore(_directory);
        for (var i = 0; i < 5; i++)
        {
            store.Save(Call("sha256:" + new string((char)('0' + i), 64), "x" + i));
        }

        Assert.Equal(5, Directory.GetFiles(_directory).Length);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }
}
