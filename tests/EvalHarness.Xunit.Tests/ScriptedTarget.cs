using System.Collections.Concurrent;
using EvalHarness.Targets;
using Microsoft.Extensions.AI;

namespace EvalHarness.Xunit.Tests;

/// <summary>A system under test that answers each case id with a scripted text and counts the calls it gets per case.</summary>
internal sealed class ScriptedTarget(IReadOnlyDictionary<string, string> answers)
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public int Calls => _calls.Values.Sum();

    public int CallsFor(string caseId) => _calls.GetValueOrDefault(caseId);

    public IEvalTarget Target => new DelegateTarget((c, ct) =>
    {
        ct.ThrowIfCancellationRequested();
        _calls.AddOrUpdate(c.Id, 1, (_, n) => n + 1);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answers[c.Id])));
    });
}
