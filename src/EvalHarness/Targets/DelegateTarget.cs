using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace EvalHarness.Targets;

/// <summary>A system under test written in C#: a method that answers a case with a <see cref="ChatResponse"/>.</summary>
/// <example><code>var target = new DelegateTarget((c, ct) => bot.AnswerAsync(c.Input, ct));</code></example>
public sealed class DelegateTarget(Func<EvalCase, CancellationToken, Task<ChatResponse>> answer) : IEvalTarget
{
    /// <inheritdoc />
    public async ValueTask<TargetOutput> InvokeAsync(EvalCase @case, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var response = await answer(@case, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the target returned no response (null)");
        var latency = stopwatch.Elapsed.TotalMilliseconds;
        return new TargetOutput(response.Text, response, Measure.From(response, latency, null));
    }
}
