using System.Security.Cryptography;
using System.Text;

namespace EvalHarness.Reporting.Html;

/// <summary>The report's own stylesheet and script (embedded resources), and the Content-Security-Policy that allows only them.</summary>
internal static class ReportAssets
{
    public static string Css { get; } = Load("report.css");

    public static string Script { get; } = Load("report.js");

    /// <summary>
    /// Nothing loads from anywhere; the only script and style that may run are these two, by hash. A string from a dataset or a model that
    /// slipped past escaping still could not run.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        "default-src 'none'; script-src " + Hash(Script) + "; style-src " + Hash(Css) + "; img-src data:; base-uri 'none'; form-action 'none'";

    private static string Hash(string text) => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text))) + "'";

    private static string Load(string name)
    {
        using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream("EvalHarness.Reporting.Html." + name)
            ?? throw new InvalidOperationException("the report asset " + name + " is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);

        // Normalised so the hash matches what is written whatever line ends the checkout used.
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
