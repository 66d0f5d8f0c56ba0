using System.ClientModel;
using System.Diagnostics;
using System.Globalization;
using OpenAI;
using OpenAI.Chat;

// The floor for tests/perf/compare.sh: N chat-completion calls through the OpenAI SDK at concurrency C, nothing scored or written.
//   Floor --base-url http://127.0.0.1:PORT/v1/ [--cases N] [--concurrency C] [--model M] [--stream true|false]
// --stream true (default) streams each answer like evalharness's prompt target does; false makes plain calls like promptfoo.
// Prints one line: "floor cases N concurrency C stream S wall-ms W failures F" (W is measured inside the process, after start-up).
var baseUrl = (string?)null;
var cases = 1000;
var concurrency = 4;
var model = "perf-model";
var stream = true;
for (var i = 0; i < args.Length; i += 2)
{
    var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException(args[i] + " needs a value");
    switch (args[i])
    {
        case "--base-url":
            baseUrl = value;
            break;
        case "--cases":
            cases = int.Parse(value, CultureInfo.InvariantCulture);
            break;
        case "--concurrency":
            concurrency = int.Parse(value, CultureInfo.InvariantCulture);
            break;
        case "--model":
            model = value;
            break;
        case "--stream":
            stream = bool.Parse(value);
            break;
        default:
            throw new ArgumentException("unknown option " + args[i]);
    }
}

if (baseUrl is null)
{
    Console.Error.WriteLine("usage: Floor --base-url <url> [--cases N] [--concurrency C] [--model M]");
    return 2;
}

// The same SDK and endpoint shape evalharness uses: one client, custom endpoint, a dummy key (the local server ignores it).
var client = new ChatClient(model, new ApiKeyCredential("sk-perf-dummy"), new OpenAIClientOptions { Endpoint = new Uri(baseUrl) });
var failures = 0;
var watch = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, cases), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
{
    try
    {
        // The same prompt text the generated suites send, so request sizes match.
        ChatMessage[] messages = [new UserChatMessage("Question " + i.ToString(CultureInfo.InvariantCulture) + ": how long is the refund window?")];
        var options = new ChatCompletionOptions { Temperature = 0 };
        if (stream)
        {
            var text = new System.Text.StringBuilder();
            await foreach (var update in client.CompleteChatStreamingAsync(messages, options, ct).ConfigureAwait(false))
            {
                foreach (var part in update.ContentUpdate)
                {
                    text.Append(part.Text);
                }
            }
        }
        else
        {
            ChatCompletion completion = await client.CompleteChatAsync(messages, options, ct).ConfigureAwait(false);
            _ = completion.Content[0].Text;
        }
    }
    catch (ClientResultException)
    {
        Interlocked.Increment(ref failures);
    }
}).ConfigureAwait(false);
watch.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"floor cases {cases} concurrency {concurrency} stream {stream.ToString().ToLowerInvariant()} wall-ms {watch.Elapsed.TotalMilliseconds:F0} failures {failures}"));
return failures == 0 ? 0 : 1;
