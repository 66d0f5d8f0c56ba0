using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Serialization;

namespace EvalHarness.Recording;

/// <summary>
/// The recordings of one suite: one canonical JSON file per call in <c>recordings/</c>, named
/// <c>&lt;case-id&gt;.&lt;key prefix&gt;.json</c> so reviewers see which case a diff belongs to.
/// </summary>
/// <remarks>
/// Files carry a <c>contentHash</c> over their request, response and timing, checked on load: a hand-edited or corrupted
/// recording is refused, never replayed. Writes go to a temporary file first and are renamed into place, so an interrupted
/// run never leaves half a recording; temporary files a killed run left behind are deleted when the folder is next read.
/// </remarks>
public sealed class RecordingStore
{
    private const int KeyPrefixLength = 16;

    // A temporary file this old is no write in progress (a write takes milliseconds) but what a killed run left behind.
    private static readonly TimeSpan StaleTempAge = TimeSpan.FromMinutes(10);
    private readonly Lock _gate = new();
    private Dictionary<string, string>? _index;

    /// <summary>Creates a store over <paramref name="directory"/> (created on first write).</summary>
    public RecordingStore(string directory) => Directory = directory;

    /// <summary>The recordings folder.</summary>
    public string Directory { get; }

    /// <summary>True when a recording file exists for <paramref name="key"/> (its integrity is checked on <see cref="Load"/>).</summary>
    public bool Contains(string key)
    {
        lock (_gate)
        {
            return Index().ContainsKey(Prefix(key));
        }
    }

    /// <summary>Loads the recording for <paramref name="key"/>, or returns null when there is none.</summary>
    /// <exception cref="RecordingException">The file is not a valid recording, or its content hash or key does not match.</exception>
    public RecordedCall? Load(string key)
    {
        string? name;
        lock (_gate)
        {
            Index().TryGetValue(Prefix(key), out name);
        }

        if (name is null)
        {
            return null;
        }

        var path = Path.Combine(Directory, name);
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new RecordingException("recording '" + name + "' is empty");
        }
        catch (JsonException ex)
        {
            throw new RecordingException("recording '" + name + "' is not valid JSON: " + ex.Message);
        }

        if (obj["formatVersion"]?.GetValue<int>() != RecordedCall.CurrentFormatVersion)
        {
            throw new RecordingException("recording '" + name + "' has an unsupported formatVersion; re-record it with EVALHARNESS_MODE=record");
        }

        var expected = obj["contentHash"]?.GetValue<string>();
        var caseId = obj["caseId"]?.GetValue<string>();
        obj = HashedPart(obj, detach: true);
        var actual = CanonicalJson.Hash(obj);
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new RecordingException("recording '" + name + "' failed its content-hash check (edited or corrupted); " +
                "re-record it with EVALHARNESS_MODE=record rather than editing it");
        }

        if (!string.Equals(obj["key"]?.GetValue<string>(), key, StringComparison.Ordinal))
        {
            throw new RecordingException("recording '" + name + "' belongs to another request (key prefix collision); re-record it");
        }

        var timing = obj["timing"]!.AsObject();
        return new RecordedCall(key, caseId, obj["request"]!.AsObject(),
            ChatJson.ReadResponse(obj["response"]!.AsObject()),
            timing["latencyMs"]!.GetValue<double>(), timing["timeToFirstTokenMs"]?.GetValue<double>());
    }

    /// <summary>Writes (or replaces) the recording of a call, atomically.</summary>
    public void Save(RecordedCall call)
    {
        var obj = new JsonObject
        {
            ["formatVersion"] = RecordedCall.CurrentFormatVersion,
            ["key"] = call.Key,
            ["caseId"] = call.CaseId,
            ["request"] = call.Request.DeepClone(),
            ["response"] = ChatJson.Response(call.Response),
            ["timing"] = new JsonObject
            {
                ["latencyMs"] = Math.Round(call.LatencyMs, 1),
                ["timeToFirstTokenMs"] = call.TimeToFirstTokenMs is { } ttft ? Math.Round(ttft, 1) : null,
            },
        };
        obj["contentHash"] = CanonicalJson.Hash(HashedPart(obj, detach: false));

        System.IO.Directory.CreateDirectory(Directory);
        var prefix = Prefix(call.Key);
        var path = Path.Combine(Directory, (call.CaseId is null ? string.Empty : SafeName(call.CaseId) + ".") + prefix + ".json");
        var temp = path + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..8] + ".tmp";
        File.WriteAllText(temp, CanonicalJson.Serialize(obj), new UTF8Encoding(false));
        lock (_gate)
        {
            File.Move(temp, path, overwrite: true);
            var index = Index();
            var name = Path.GetFileName(path);
            if (index.TryGetValue(prefix, out var old) && !string.Equals(old, name, StringComparison.Ordinal))
            {
                File.Delete(Path.Combine(Directory, old));
            }

            index[prefix] = name;
        }
    }

    /// <summary>Makes a case id safe as part of a file name: letters, digits, '.', '-' and '_' kept, anything else '_'.</summary>
    public static string SafeName(string caseId)
    {
        var builder = new StringBuilder(Math.Min(caseId.Length, 60));
        foreach (var c in caseId)
        {
            if (builder.Length == 60)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }

    // The hashed fields; detaching moves them out of a just-read recording instead of copying them (replay reads every call's file).
    private static JsonObject HashedPart(JsonObject obj, bool detach)
    {
        var part = new JsonObject();
        foreach (var name in (ReadOnlySpan<string>)["key", "request", "response", "timing"])
        {
            var node = obj[name];
            if (detach)
            {
                obj.Remove(name);
            }
            else
            {
                node = node?.DeepClone();
            }

            part[name] = node;
        }

        return part;
    }

    private static string Prefix(string key) => key.StartsWith("sha256:", StringComparison.Ordinal) ? key.Substring(7, KeyPrefixLength) : key;

    private Dictionary<string, string> Index()
    {
        if (_index is not null)
        {
            return _index;
        }

        _index = new Dictionary<string, string>(StringComparer.Ordinal);
        if (System.IO.Directory.Exists(Directory))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
            {
                var stem = Path.GetFileNameWithoutExtension(file);
                var dot = stem.LastIndexOf('.');
                var prefix = dot < 0 ? stem : stem[(dot + 1)..];
                if (prefix.Length == KeyPrefixLength)
                {
                    // File names only: the folder is the same for all, and a 100k-case replay keeps this index for the whole run.
                    _index[prefix] = Path.GetFileName(file);
                }
            }

            DeleteStaleTemporaryFiles();
        }

        return _index;
    }

    // Temporary files are never read as recordings (only *.json is), but a killed run's leftovers would otherwise sit in a committed folder.
    private void DeleteStaleTemporaryFiles()
    {
        var cutoff = DateTime.UtcNow - StaleTempAge;
        foreach (var temp in System.IO.Directory.EnumerateFiles(Directory, "*.json.*.tmp"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(temp) < cutoff)
                {
                    File.Delete(temp);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A read-only checkout or a file another process just removed: leaving it is harmless.
            }
        }
    }
}
