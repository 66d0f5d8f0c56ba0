namespace EvalHarness.Cli.Generation;

/// <summary>The ways <c>evalharness generate perturb</c> changes a dataset's text, as a robustness suite wants them.</summary>
internal enum PerturbationKind
{
    /// <summary>Typing mistakes: adjacent letters swapped, a letter dropped or doubled, in about <c>--rate</c> of the words (at least one).</summary>
    Typos,

    /// <summary>The whole text in upper case, lower case, or random case.</summary>
    Casing,

    /// <summary>Doubled spaces, a tab or line break between words, and spaces around the text.</summary>
    Whitespace,

    /// <summary>A sentence with made-up personal data (Bogus: name, email, phone, card number or street address) added before or after the text.</summary>
    Pii,

    /// <summary>The text cut at a word boundary after 30–80 % of its length.</summary>
    Truncate,
}
