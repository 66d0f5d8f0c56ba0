using System.Collections.Concurrent;

namespace EvalHarness.Tests.Resilience;

/// <summary>
/// A clock whose waits end at once: every timer fires immediately (on the thread pool) and moves the clock forward by its due time, so a
/// 2-second Retry-After costs no real time yet is measured as exactly 2 seconds. The test double of the one boundary waits depend on.
/// </summary>
internal sealed class InstantTimeProvider : TimeProvider
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _ticks;

    /// <summary>Every wait requested, in order.</summary>
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public override DateTimeOffset GetUtcNow() => Start + Elapsed;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new InstantTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Fire(TimeSpan dueTime, TimerCallback callback, object? state)
    {
        Waits.Enqueue(dueTime);
        Interlocked.Add(ref _ticks, Math.Max(0, dueTime.Ticks));
        ThreadPool.QueueUserWorkItem(_ => callback(state));
    }

    private sealed class InstantTimer(InstantTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private int _fired;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // One-shot timers are all a delay needs; an infinite due time disarms the timer.
            if (dueTime != Timeout.InfiniteTimeSpan && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                clock.Fire(dueTime, callback, state);
            }

            return true;
        }

        public void Dispose() => Interlocked.Exchange(ref _fired, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
