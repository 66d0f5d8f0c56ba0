using System.Text.RegularExpressions;
using EvalHarness.Suites;

namespace EvalHarness.Metrics;

/// <summary><c>regex</c>: the output matches a .NET regular expression (anywhere, as promptfoo's <c>regex</c>).</summary>
/// <remarks>A literal pattern is compiled once at load time (an invalid one is a load-time error); a pattern from a field is compiled per case
/// and an invalid one is that case's <see cref="Verdict.Error"/>. Matching times out after one second (an <see cref="Verdict.Error"/>).</remarks>
public sealed class RegexMetric : IMetric
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private readonly ComparisonValue _value;
    private readonly RegexOptions _options;
    private readonly Regex? _literal;

    /// <summary>Creates the metric.</summary>
    /// <exception cref="EvalConfigurationException">The literal pattern is empty (promptfoo rejects it too; it would match every output).</exception>
    public RegexMetric(MetricSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Name = spec.DisplayName;
        _value = ComparisonValue.From(spec);
        _options = RegexOptions.CultureInvariant | (spec.GetBoolean("ignore_case") ? RegexOptions.IgnoreCase : RegexOptions.None);
        if (spec.Get("value") is { Scalar: { } pattern })
        {
            _literal = pattern.Length == 0
                ? throw MetricConfiguration.Invalid(spec, "value", "the regular expression is empty; it would match every output")
                : new Regex(pattern, _options, MatchTimeout);
        }
    }

    /// <inheritdoc />
    public string Name { get; }

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
