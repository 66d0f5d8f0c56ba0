using System.Globalization;

namespace EvalHarness.Costs;

/// <summary>Formats US dollar amounts the same way in every report.</summary>
public static class CostFormat
{
    /// <summary>Dollars with enough digits to show small per-call costs: <c>$2.00</c>, <c>$0.0421</c>, <c>$0.000165</c> (at most eight decimals).</summary>
    public static string Usd(decimal value)
    {
        var format = Math.Abs(value) >= 1 ? "0.00" : "0.00######";
        return "$" + value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>Dollars, or <c>unknown</c> when null; a figure with unknown calls shows <c>≥ $x (n unknown)</c>.</summary>
    public static string Usd(CostFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.Calls == 0 ? "–"
            : figure.IsComplete ? Usd(figure.KnownUsd)
            : figure.KnownUsd > 0 ? "≥ " + Usd(figure.KnownUsd) + " (" + figure.UnknownCalls.ToString(CultureInfo.InvariantCulture) + " unknown)"
            : "unknown";
    }

    /// <summary>Dollars as a plain invariant number for data files: at most ten decimals, no trailing zeros (<c>0.12</c>, not <c>0.1200000000</c>).</summary>
    public static string Plain(decimal value) => Normalize(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>Rounds to ten decimals and drops the trailing zeros decimal arithmetic keeps.</summary>
    public static decimal Normalize(decimal value) => Math.Round(value, 10) / 1.0000000000000000000000000000m;
}
