using System.Globalization;
using System.Text;
using EvalHarness.Importing;

// Not EvalHarness.Tests.Drift: that namespace would hide EvalHarness.Statistics.Drift from the other tests' files.
namespace EvalHarness.Tests.DriftWindows;

/// <summary>Seeded synthetic windows: normal latencies, token counts, costs, a 0–1 score and a 2% error rate.</summary>
internal static class SyntheticWindows
{
    public static List<TraceObservation> Make(int seed, int count, double latencyMean, double latencySd)
    {
        var random = new Random(seed);
        var result = new List<TraceObservation>(count);
        for (var i = 0; i < count; i++)
        {
            var input = Math.Round(Normal(random, 400, 40));
            var output = Math.Round(Normal(random, 120, 15));
            result.Add(new TraceObservation
            {
                LatencyMs = Math.Max(1, Normal(random, latencyMean, latencySd)),
                InputTokens = input,
                OutputTokens = output,
                CostUsd = ((input * 0.15) + (output * 0.6)) / 1_000_000,
                IsError = random.NextDouble() < 0.02,
                Scores = new Dictionary<string, double>(StringComparer.Ordinal) { ["faithfulness"] = Math.Clamp(Normal(random, 0.8, 0.1), 0, 1) },
            });
        }

        return result;
    }

    public static DriftWindow Window(IEnumerable<TraceObservation> observations)
    {
        var window = new DriftWindow();
        foreach (var observation in observations)
        {
            window.Add(observation);
        }

        return window;
    }

    // The JSONL export shape `evalharness drift` reads (EvalHarness field names).
    public static string Jsonl(IEnumerable<TraceObservation> observations)
    {
        var text = new StringBuilder();
        foreach (var o in observations)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{{\"latency_ms\":{o.LatencyMs:R},\"input_tokens\":{o.InputTokens:R},\"output_tokens\":{o.OutputTokens:R},\"cost_usd\":{o.CostUsd:R},\"error\":{(o.IsError ? "\"timeout\"" : "null")},\"scores\":{{\"faithfulness\":{o.Scores["faithfulness"]:R}}}}}\n");
        }

        return text.ToString();
    }

    private static double Normal(Random random, double mean, double sd) =>
        mean + (sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
