using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EvalHarness.Xunit.Tests;

/// <summary>A logger factory that keeps the case ids of the session's "case completed" events: which cases ran, and how often.</summary>
internal sealed class CaseLog : ILoggerFactory, ILoggerProvider
{
    // RunLog.CaseCompleted: logged once each time a case runs to a result.
    private const int CaseCompletedEventId = 1005;
    private readonly ConcurrentQueue<string> _completed = new();

    public IReadOnlyList<string> Completed => [.. _completed];

    public int RunsOf(string caseId) => _completed.Count(id => id == caseId);

    /// <summary>Waits until every one of <paramref name="caseIds"/> has completed (or fails the test after 30 s).</summary>
    public async Task WaitForAsync(IEnumerable<string> caseIds, CancellationToken cancellationToken)
    {
        var wanted = caseIds.ToArray();
        for (var waited = 0; waited < 30_000; waited += 10)
        {
            if (wanted.All(id => _completed.Contains(id)))
            {
                return;
            }

            await Task.Delay(10, cancellationToken);
        }

        Assert.Fail("cases " + string.Join(", ", wanted.Where(id => !_completed.Contains(id))) + " never ran; ran: " + string.Join(", ", _completed));
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CaseLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == CaseCompletedEventId && state is IReadOnlyList<KeyValuePair<string, object?>> fields
                && fields.FirstOrDefault(f => f.Key == "CaseId").Value is string caseId)
            {
                log._completed.Enqueue(caseId);
            }
        }
    }
}
