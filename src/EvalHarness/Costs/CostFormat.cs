using System.Globalization;

namespace EvalHarness.Costs;

/// <summary>Formats US dollar amounts the same way in every report.</summary>
public static class CostFormat
{
    /// <summary>Dollars with enough digits to show small per-call costs: <c>$2.00</c>, <c>$0.0421</c>, <c>$0.000165</c>.</summary>
    public static string Usd(decimal value)
    {
        var abs = Math.Abs(value);
        var format = abs >= 1 || abs == 0 ? "0.00" : abs >= 0.01m ? "0.0000" : "0.000000##";
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
}
