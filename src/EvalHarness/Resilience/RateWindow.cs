namespace EvalHarness.Resilience;

/// <summary>A sliding 60-second budget (requests or tokens) on an injectable clock.</summary>
/// <remarks>
/// Written here rather than taken from System.Threading.RateLimiting: its limiters run on the real clock (no <see cref="TimeProvider"/>)
/// and cannot charge tokens after the fact, which is when a provider reports them.
/// </remarks>
internal sealed class RateWindow(long limit, TimeSpan window, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset At, long Amount)> _entries = new();
    private long _sum;

    public long Limit => limit;

    /// <summary>Charges <paramref name="amount"/> now when the window's total is below the limit; otherwise says how long until it will be.</summary>
    public bool TryCharge(long amount, out TimeSpan wait)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Expire(now);
            if (_sum < limit)
            {
                Add(now, amount);
                wait = TimeSpan.Zero;
                return true;
            }

            // The total falls below the limit once enough of the oldest entries have left the window.
            var remaining = _sum;
            foreach (var (at, charged) in _entries)
            {
                remaining -= charged;
                if (remaining < limit)
                {
                    wait = at + window - now;
                    return false;
                }
            }

            wait = window;
            return false;
        }
    }

    /// <summary>Charges <paramref name="amount"/> now, whatever the total (usage reported after the request was let through).</summary>
    public void Charge(long amount)
    {
        lock (_gate)
        {
            Add(time.GetUtcNow(), amount);
        }
    }

    private void Add(DateTimeOffset now, long amount)
    {
        if (amount <= 0)
        {
            return;
        }

        _entries.Enqueue((now, amount));
        _sum += amount;
    }

    private void Expire(DateTimeOffset now)
    {
        while (_entries.Count > 0 && _entries.Peek().At + window <= now)
        {
            _sum -= _entries.Dequeue().Amount;
        }
    }
}
