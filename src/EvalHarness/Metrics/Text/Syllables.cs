namespace EvalHarness.Metrics.Text;

/// <summary>
/// The syllable rule of <c>readability</c>: count groups of consecutive vowels (a e i o u y and their accented Latin forms), drop one for
/// a silent final "e" (not "le" after a consonant, not "ee") when the word has more than one group, and count at least one per word.
/// </summary>
internal static class Syllables
{
    private const string Vowels = "aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœāăąēĕėęěīĭįıōŏőũūŭůűų";

    /// <summary>Counts the syllables of one lower-case word.</summary>
    public static int Count(ReadOnlySpan<char> word)
    {
        var groups = 0;
        var previousVowel = false;
        foreach (var c in word)
        {
            var vowel = Vowels.Contains(c, StringComparison.Ordinal);
            if (vowel && !previousVowel)
            {
                groups++;
            }

            previousVowel = vowel;
        }

        if (groups > 1 && word.Length >= 2 && word[^1] == 'e' && word[^2] != 'e'
            && !(word.Length >= 3 && word[^2] == 'l' && !Vowels.Contains(word[^3], StringComparison.Ordinal)))
        {
            groups--;
        }

        return Math.Max(1, groups);
    }
}
