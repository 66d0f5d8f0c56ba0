using System.Text.Json;
using System.Text.Json.Nodes;
using EvalHarness.Metrics.Json;
using EvalHarness.Suites;
using Microsoft.Extensions.AI;

namespace EvalHarness.Metrics;

/// <summary><c>tool-call</c>: the response made the expected function calls, each with at least the expected arguments.</summary>
/// <remarks>
/// Expected calls are <c>name</c> (one name or a list, each called at least once) with optional <c>arguments</c> (only with a single name), or
/// <c>calls: [ { name, arguments } ]</c>. Arguments match as a subset: every expected key must be present with an equal value (objects
/// recursively, arrays item by item, numbers by value); extra actual arguments and extra calls are allowed. With <c>ordered: true</c> the
/// expected calls must appear in that order (other calls may come between). Each actual call satisfies at most one expected call.
/// Score = matched / expected. Calls are read from <see cref="FunctionCallContent"/> in the response; without a response (outputs from the
/// dataset) the verdict is <see cref="Verdict.Error"/>.
/// </remarks>
public sealed class ToolCallMetric : IMetric
{
    private readonly IReadOnlyList<(string Name, JsonObject? Arguments)> _expected;
    private readonly bool _ordered;

    /// <summary>Creates the metric.</summary>
    /// <exception cref="EvalConfigurationException">Neither or both of <c>name</c> and <c>calls</c>; arguments that are not a mapping; a call without a name.</exception>
    public ToolCallMetric(MetricSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Name = spec.DisplayName;
        _ordered = spec.GetBoolean("ordered");
        _expected = ReadExpected(spec);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response is null)
        {
            return MetricOutcome.Done(MetricResult.Error(Name, "no chat response for this case (outputs came from the dataset), so its tool calls are unknown"));
        }

        var actual = context.Response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .Select(c => (c.Name, Arguments: Arguments(c))).ToArray();
        var matched = _ordered ? MatchInOrder(actual) : MatchAnyOrder(actual);
        var missing = _expected.Where((_, i) => !matched[i]).Select(Describe).ToArray();
        var count = matched.Count(m => m);
        var details = new Dictionary<string, string>
        {
            ["called"] = string.Join(", ", actual.Select(a => a.Name)),
            ["missing"] = string.Join(", ", missing),
        };
        var reason = missing.Length == 0
            ? "all " + _expected.Count + " expected call(s) made" + (_ordered ? " in order" : string.Empty)
            : "missing " + string.Join(", ", missing) + (_ordered ? " (in order)" : string.Empty) + "; called: " + (actual.Length == 0 ? "nothing" : details["called"]);
        return MetricOutcome.Done(new MetricResult
        {
            Name = Name,
            Score = (double)count / _expected.Count,
            RawValue = count,
            Scale = "matched calls",
            Verdict = missing.Length == 0 ? Verdict.Pass : Verdict.Fail,
            Reason = reason,
            Details = details,
        });
    }

    private static JsonObject Arguments(FunctionCallContent call) =>
        call.Arguments is null ? [] : JsonSerializer.SerializeToNode(call.Arguments, AIJsonUtilities.DefaultOptions) as JsonObject ?? [];

    private bool Matches(int expected, (string Name, JsonObject Arguments) actual) =>
        string.Equals(_expected[expected].Name, actual.Name, StringComparison.Ordinal)
        && (_expected[expected].Arguments is null || JsonComparison.IsSubset(_expected[expected].Arguments, actual.Arguments));

    private bool[] MatchInOrder((string Name, JsonObject Arguments)[] actual)
    {
        // Greedy earliest matching is optimal for "expected calls form a subsequence of the actual calls".
        var matched = new bool[_expected.Count];
        var next = 0;
        for (var e = 0; e < _expected.Count; e++)
        {
            while (next < actual.Length && !Matches(e, actual[next]))
            {
                next++;
            }

            if (next < actual.Length)
            {
                matched[e] = true;
                next++;
            }
        }

        return matched;
    }

    private bool[] MatchAnyOrder((string Name, JsonObject Arguments)[] actual)
    {
        // Maximum bipartite matching (augmenting paths): each actual call serves at most one expected call.
        var owner = new int[actual.Length];
        Array.Fill(owner, -1);
        for (var e = 0; e < _expected.Count; e++)
        {
            TryAssign(e, new bool[actual.Length]);
        }

        var matched = new bool[_expected.Count];
        foreach (var e in owner)
        {
            if (e >= 0)
            {
                matched[e] = true;
            }
        }

        return matched;

        bool TryAssign(int e, bool[] visited)
        {
            for (var a = 0; a < actual.Length; a++)
            {
                if (visited[a] || !Matches(e, actual[a]))
                {
                    continue;
                }

                visited[a] = true;
                if (owner[a] < 0 || TryAssign(owner[a], visited))
                {
                    owner[a] = e;
                    return true;
                }
            }

            return false;
        }
    }

    private static string Describe((string Name, JsonObject? Arguments) call) =>
        call.Arguments is null ? call.Name + "(…)" : call.Name + call.Arguments.ToJsonString();

    private static List<(string, JsonObject?)> ReadExpected(MetricSpec spec)
    {
        var names = spec.GetStringList("name");
        var calls = spec.Get("calls");
        var arguments = spec.Get("arguments");
        if ((names.Count == 0) == (calls is null))
        {
            throw MetricConfiguration.Invalid(spec, null, "give the expected call(s) as 'name' (with optional 'arguments') or as 'calls: [ { name, arguments } ]', exactly one");
        }

        var expected = new List<(string, JsonObject?)>();
        if (calls is null)
        {
            if (arguments is not null && names.Count != 1)
            {
                throw MetricConfiguration.Invalid(spec, "arguments", "'arguments' applies to a single 'name'; use 'calls' to give arguments for several functions");
            }

            foreach (var name in names)
            {
                expected.Add((RequireName(spec, "name", name), arguments is null ? null : ArgumentsOf(spec, "arguments", arguments)));
            }

            return expected;
        }

        if (arguments is not null)
        {
            throw MetricConfiguration.Invalid(spec, "arguments", "with 'calls', give each call's arguments inside it");
        }

        if (calls.Kind != ConfigNodeKind.Sequence || calls.Items.Count == 0)
        {
            throw MetricConfiguration.Invalid(spec, "calls", "expected a non-empty list of { name, arguments }, found " + calls.Describe());
        }

        foreach (var call in calls.Items)
        {
            if (call.Kind != ConfigNodeKind.Mapping || call.Get("name") is not { Kind: ConfigNodeKind.Scalar } name || call.Entries.Any(e => e.Key is not ("name" or "arguments")))
            {
                throw MetricConfiguration.Invalid(spec, "calls", "each call is { name: <function>, arguments: { … } }, found " + call.Describe());
            }

            expected.Add((RequireName(spec, "calls", name.Scalar!), call.Get("arguments") is { } args ? ArgumentsOf(spec, "calls", args) : null));
        }

        return expected;
    }

    private static string RequireName(MetricSpec spec, string key, string name) =>
        string.IsNullOrWhiteSpace(name) ? throw MetricConfiguration.Invalid(spec, key, "a function name cannot be empty") : name;

    private static JsonObject ArgumentsOf(MetricSpec spec, string key, ConfigNode node) =>
        node.Kind == ConfigNodeKind.Mapping && ConfigJson.ToJson(node) is JsonObject args
            ? args
            : throw MetricConfiguration.Invalid(spec, key, "arguments are a mapping of argument names to expected values, found " + node.Describe());
}
