namespace EvalHarness.Metrics;

/// <summary>A metric that computes its own <c>not-</c> form because promptfoo's scores for it are not a plain inversion.</summary>
internal interface INegationAware
{
}
