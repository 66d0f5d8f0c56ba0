namespace EvalHarness.Importing;

/// <summary>
/// One window of traces or results, summarised in bounded memory: exact counts of observations and errors, and for each quantity a
/// seeded uniform reservoir sample (Vitter's algorithm R) of at most <see cref="DefaultReservoirSize"/> values, on which the drift tests,
/// means and percentiles are computed. Below that size the sample is the whole window and every figure is exact.
/// </summary>
/// <param name="seed">Seed of the reservoir sampling, so a window reads the same every time.</param>
/// <param name="reservoirSize">The most values kept per quantity.</param>
public sealed class DriftWindow(int seed = 0, int reservoirSize = DriftWindow.DefaultReservoirSize)
{
    /// <summary>The most values kept per quantity by default.</summary>
    public const int DefaultReservoirSize = 100_000;

    /// <summary>The quantity name of latency (milliseconds).</summary>
    public const string Latency = "latency";

    /// <summary>The quantity name of cost (US dollars).</summary>
    public const string Cost = "cost";

    /// <summary>The quantity name of input tokens.</summary>
    public const string InputTokens = "input tokens";

    /// <summary>The quantity name of output tokens.</summary>
    public const string OutputTokens = "output tokens";

    private readonly Dictionary<string, Reservoir> _samples = new(StringComparer.Ordinal);
    private readonly List<string> _scoreNames = [];
    private readonly Random _random = new(seed);

    /// <summary>Observations added.</summary>
    public long Count { get; private set; }

    /// <summary>Observations that ended in an error.</summary>
    public long Errors { get; private set; }

    /// <summary>The names of the scores seen, in first-seen order.</summary>
    public IReadOnlyList<string> ScoreNames => _scoreNames;

    /// <summary>Adds one observation.</summary>
    public void Add(TraceObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        Count++;
        Errors += observation.IsError ? 1 : 0;
        Offer(Latency, observation.LatencyMs);
        Offer(Cost, observation.CostUsd);
        Offer(InputTokens, observation.InputTokens);
        Offer(OutputTokens, observation.OutputTokens);
        foreach (var (name, score) in observation.Scores)
        {
            if (!_samples.ContainsKey("score:" + name))
            {
                _scoreNames.Add(name);
            }

            Offer("score:" + name, score);
        }
    }

    /// <summary>The sampled values of <see cref="Latency"/>, <see cref="Cost"/>, <see cref="InputTokens"/> or <see cref="OutputTokens"/>.</summary>
    public IReadOnlyList<double> Sample(string quantity) => _samples.TryGetValue(quantity, out var r) ? r.Values : [];

    /// <summary>The sampled values of one score.</summary>
    public IReadOnlyList<double> ScoreSample(string name) => Sample("score:" + name);

    private void Offer(string quantity, double? value)
    {
        if (value is not { } v || double.IsNaN(v))
        {
            return;
        }

        if (!_samples.TryGetValue(quantity, out var reservoir))
        {
            reservoir = new Reservoir();
            _samples[quantity] = reservoir;
        }

        reservoir.Seen++;
        if (reservoir.Values.Count < reservoirSize)
        {
            reservoir.Values.Add(v);
            return;
        }

        var slot = _random.NextInt64(reservoir.Seen);
        if (slot < reservoirSize)
        {
            reservoir.Values[(int)slot] = v;
        }
    }

    private sealed class Reservoir
    {
        public long Seen { get; set; }

        public List<double> Values { get; } = [];
    }
}
