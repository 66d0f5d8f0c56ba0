using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using EvalHarness.Logging;
using EvalHarness.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace EvalHarness.Recording;

/// <summary>
/// Records model calls to a <see cref="RecordingStore"/> and replays them, keyed by the model id, every message and every option,
/// so CI runs need no network and no keys.
/// </summary>
/// <remarks>
/// Only successful responses are recorded (never errors), and only what determines the answer (never headers or keys).
/// Replayed responses carry the recorded latency and time to first token in <see cref="RecordingProperties"/> keys.
/// </remarks>
public sealed class RecordingChatClient : DelegatingChatClient
{
    private readonly RecordingStore _store;
    private readonly EvalMode _mode;
    private readonly string? _defaultModel;
    private readonly string _recordCommand;
    private readonly ILogger _log;

    /// <summary>Creates the client.</summary>
    /// <param name="inner">The real endpoint; an <see cref="UnconfiguredChatClient"/> when none is configured.</param>
    /// <param name="store">Where recordings live.</param>
    /// <param name="mode">Replay, record, live or auto.</param>
    /// <param name="recordCommand">The command that records missing calls, quoted in errors.</param>
    /// <param name="loggerFactory">Where hits, misses and writes are logged at debug level (<see cref="LogCategories.Recording"/>); nowhere when null.</param>
    public RecordingChatClient(IChatClient inner, RecordingStore store, EvalMode mode, string recordCommand, ILoggerFactory? loggerFactory = null)
        : base(inner)
    {
        _store = store;
        _mode = mode;
        _recordCommand = recordCommand;
        _defaultModel = inner.GetService<ChatClientMetadata>()?.DefaultModelId;
        _log = LogCategories.Create(loggerFactory, LogCategories.Recording);
    }

    /// <summary>Computes the recording key of a request: <c>sha256:</c> over the canonical model, messages and options.</summary>
    public string KeyOf(IEnumerable<ChatMessage> messages, ChatOptions? options) => CanonicalJson.Hash(Request(messages, options));

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        if (_mode == EvalMode.Live)
        {
            // Live mode neither replays nor records: no key to compute (canonical JSON and SHA-256 of every request).
            return await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        }

        var request = Request(list, options);
        var key = CanonicalJson.Hash(request);
        if (TryReplay(key) is { } recorded)
        {
            var replayed = recorded.Response;
            Annotate(replayed.AdditionalProperties ??= [], recorded);
            return replayed;
        }

        var stopwatch = Stopwatch.StartNew();
        var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        if (_mode == EvalMode.Record)
        {
            // Recorded latency is the answering attempt's: time spent on retries and queueing is not the model's.
            var overhead = Resilience.ResilienceReport.From(response.AdditionalProperties).OverheadMs;
            var latency = Math.Max(0, stopwatch.Elapsed.TotalMilliseconds - overhead);
            _store.Save(new RecordedCall(key, RecordingScope.CaseId, request, response, latency, null));
            RecordingLog.Written(_log, key, RecordingScope.CaseId, _store.Directory, latency);
        }

        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        if (_mode == EvalMode.Live)
        {
            // Live mode neither replays nor records: pass the stream through without keying or keeping it.
            await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }

            yield break;
        }

        var request = Request(list, options);
        var key = CanonicalJson.Hash(request);
        if (TryReplay(key) is { } recorded)
        {
            var first = true;
            foreach (var update in recorded.Response.ToChatResponseUpdates())
            {
                if (first)
                {
                    Annotate(update.AdditionalProperties ??= [], recorded);
                    first = false;
                }

                yield return update;
            }

            yield break;
        }

        var stopwatch = Stopwatch.StartNew();
        double? firstToken = null;
        var overhead = 0.0;
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
        {
            if (updates.Count == 0)
            {
                overhead = Resilience.ResilienceReport.From(update.AdditionalProperties).OverheadMs;
            }

            if (firstToken is null && update.Contents.Any(c => c is TextContent { Text.Length: > 0 } or FunctionCallContent))
            {
                firstToken = Math.Max(0, stopwatch.Elapsed.TotalMilliseconds - overhead);
            }

            updates.Add(update);
            yield return update;
        }

        if (_mode == EvalMode.Record)
        {
            var latency = Math.Max(0, stopwatch.Elapsed.TotalMilliseconds - overhead);
            _store.Save(new RecordedCall(key, RecordingScope.CaseId, request, updates.ToChatResponse(), latency, firstToken));
            RecordingLog.Written(_log, key, RecordingScope.CaseId, _store.Directory, latency);
        }
    }

    private RecordedCall? TryReplay(string key)
    {
        if (_mode is EvalMode.Record or EvalMode.Live)
        {
            return null;
        }

        var recorded = _store.Load(key);
        if (recorded is null)
        {
            RecordingLog.Missing(_log, key, RecordingScope.CaseId, _store.Directory, _mode);
        }
        else
        {
            RecordingLog.Replayed(_log, key, RecordingScope.CaseId, _store.Directory);
        }

        if (recorded is null && _mode == EvalMode.Replay)
        {
            var caseId = RecordingScope.CaseId is { } id ? "case '" + id + "'" : "this call";
            throw new RecordingException("no recording for " + caseId + " (key " + key[..19] + "…) in " + _store.Directory +
                "; record it with: " + _recordCommand);
        }

        return recorded;
    }

    private static void Annotate(AdditionalPropertiesDictionary properties, RecordedCall recorded)
    {
        properties[RecordingProperties.Replayed] = true;
        properties[RecordingProperties.LatencyMs] = recorded.LatencyMs;
        if (recorded.TimeToFirstTokenMs is { } ttft)
        {
            properties[RecordingProperties.TimeToFirstTokenMs] = ttft;
        }
    }

    private JsonObject Request(IEnumerable<ChatMessage> messages, ChatOptions? options) => new()
    {
        ["messages"] = ChatJson.Messages(messages),
        ["options"] = ChatJson.Options(options, options?.ModelId ?? _defaultModel),
    };
}
