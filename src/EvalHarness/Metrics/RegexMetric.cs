using System.Text.RegularExpressions;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>regex</c>: the output matches a .NET regular expression (anywhere, as promptfoo's <c>regex</c>).</summary>
/// <remarks>A literal pattern is compiled once at load time (an invalid one is a load-time error); a pattern from a field is compiled per case
/// and an invalid one is that case's <see cref="Verdict.Error"/>. Matching times out after one second (an <see cref="Verdict.Error"/>).</remarks>
public sealed class RegexMetric(MetricSpec spec) : IMetric
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private readonly ComparisonValue _value = ComparisonValue.From(spec);
    private readonly RegexOptions _options = RegexOptions.CultureInvariant | (spec.GetBoolean("ignore_case") ? RegexOptions.IgnoreCase : RegexOptions.None);
    private readonly Regex? _literal = spec.Get("value") is { Scalar: { } pattern }
        ? new Regex(pattern, RegexOptions.CultureInvariant | (spec.GetBoolean("ignore_case") ? RegexOptions.IgnoreCase : RegexOptions.None), MatchTimeout)
        : null;

    /// <inheritdoc />
    public string Name => spec.DisplayName;

    /// <inheritdoc />
    public ValueTask<MetricResult> EvaluateAsync(MetricContext context, CancellationToken cancellationToken = default)
    {
        Regex regex;
        if (_literal is not null)
        {
            regex = _literal;
        }
        else if (!_value.TryResolve(context.Case, out var values, out var error))
        {
            return ValueTask.FromResult(MetricResult.Error(Name, error!));
        }
        else
        {
            try
            {
                regex = new Regex(values.Count == 0 ? string.Empty : values[0], _options, MatchTimeout);
            }
            catch (ArgumentException ex)
            {
                return ValueTask.FromResult(MetricResult.Error(Name, "invalid regular expression from " + _value.Describe() + ": " + ex.Message));
            }
        }

        try
        {
            var match = regex.Match(context.Output);
            var result = MetricResult.FromCheck(Name, match.Success,
                match.Success ? "output matches /" + regex + "/ at index " + match.Index : "output does not match /" + regex + "/");
            return ValueTask.FromResult(result);
        }
        catch (RegexMatchTimeoutException)
        {
            return ValueTask.FromResult(MetricResult.Error(Name, "regular expression /" + regex + "/ timed out after 1 s (catastrophic backtracking?)"));
        }
    }
}
