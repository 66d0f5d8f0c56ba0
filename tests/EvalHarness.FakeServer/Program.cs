using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EvalHarness.Testing;

// An OpenAI-protocol server on 127.0.0.1 for scripts. Prints "listening <base-url>" on stdout, then serves until stdin closes
// or the process is stopped, and prints a request count on the way out.
//   --delay-ms N        every answer waits N ms (model latency)
//   --answer TEXT       the answer text (default: a small JSON object, so is-json/contains/regex assertions can pass)
//   --fault KIND:PCT    repeatable; KIND is persistent-500 (every attempt fails), transient-429 / transient-503 / transient-reset
//                       (the first attempt fails, the retry succeeds), malformed or empty-choices (a broken 200). PCT of the distinct
//                       prompts get the fault, chosen by a hash of the prompt, so two runs over the same cases meet the same faults.
var delay = TimeSpan.Zero;
var answer = "{\"answer\":\"Refunds are accepted within 30 days.\",\"confidence\":0.9}";
var faults = new List<(string Kind, double Percent)>();
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException(args[i] + " needs a value");
    switch (args[i])
    {
        case "--delay-ms":
            delay = TimeSpan.FromMilliseconds(int.Parse(value, CultureInfo.InvariantCulture));
            break;
        case "--answer":
            answer = value;
            break;
        case "--fault":
            var parts = value.Split(':');
            faults.Add((parts[0], double.Parse(parts[1].TrimEnd('%'), CultureInfo.InvariantCulture)));
            break;
        default:
            throw new ArgumentException("unknown option " + args[i]);
    }

    i++;
}

var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
var injected = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
await using var server = FakeOpenAIServer.Start(request =>
{
    var prompt = string.Join("\n", request.Messages.Select(m => m.Content));
    var attempt = attempts.AddOrUpdate(prompt, 1, (_, n) => n + 1);
    var fault = FaultFor(prompt);
    if (fault is not null)
    {
        injected.TryAdd(prompt, fault);
    }

    var reply = fault switch
    {
        "persistent-500" => FakeReply.Error(500, "injected persistent fault"),
        "transient-429" when attempt == 1 => FakeReply.Error(429, "injected rate limit", "rate_limit_exceeded").WithHeader("Retry-After", "0"),
        "transient-503" when attempt == 1 => FakeReply.Error(503, "injected overload"),
        "transient-reset" when attempt == 1 => FakeReply.ResetConnection(),
        "malformed" => FakeReply.Malformed(),
        "empty-choices" => FakeReply.Json(200, "{\"id\":\"chatcmpl-x\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"m\",\"choices\":[]}"),
        _ => FakeReply.Text(answer, promptTokens: 20, completionTokens: 12),
    };
    return delay > TimeSpan.Zero ? reply.WithDelay(delay) : reply;
});

Console.Out.WriteLine("listening " + server.BaseUrl);
Console.Out.Flush();
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
_ = Task.Run(() =>
{
    while (Console.In.ReadLine() is not null)
    {
    }

    stop.TrySetResult();
});
await stop.Task.ConfigureAwait(false);
var byKind = injected.Values.GroupBy(k => k, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
    .Select(g => g.Key + "=" + g.Count().ToString(CultureInfo.InvariantCulture));
Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"requests {attempts.Values.Sum()} prompts {attempts.Count} faulted-prompts {injected.Count} {string.Join(' ', byKind)}"));

string? FaultFor(string prompt)
{
    // A stable fraction in [0, 100) from the prompt's hash: the same prompt always meets the same fault.
    var hash = SHA256.HashData(Encoding.UTF8.GetBytes(prompt));
    var point = BitConverter.ToUInt32(hash, 0) / (double)uint.MaxValue * 100;
    foreach (var (kind, percent) in faults)
    {
        if (point < percent)
        {
            return kind;
        }

        point -= percent;
    }

    return null;
}
