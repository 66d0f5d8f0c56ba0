using System.Text;
using Bogus;

namespace EvalHarness.Cli.Generation;

/// <summary>The text transformations behind each <see cref="PerturbationKind"/>; each draws only from the random source it is given.</summary>
internal static class TextPerturbations
{
    public static string Typos(string text, Random random, double rate)
    {
        var eligible = Words(text).Where(w => w.Length >= 3).ToList();
        if (eligible.Count == 0)
        {
            return text;
        }

        var chosen = eligible.Where(_ => random.NextDouble() < rate).ToList();
        if (chosen.Count == 0)
        {
            chosen.Add(eligible[random.Next(eligible.Count)]);
        }

        var builder = new StringBuilder(text);
        foreach (var (start, length) in chosen.OrderByDescending(w => w.Start))
        {
            var at = start + random.Next(length - 1);
            switch (random.Next(3))
            {
                case 0 when builder[at] != builder[at + 1]:
                    (builder[at], builder[at + 1]) = (builder[at + 1], builder[at]);
                    break;
                case 1:
                    builder.Remove(at, 1);
                    break;
                default:
                    builder.Insert(at, builder[at]);
                    break;
            }
        }

        return builder.ToString();
    }

    public static string Casing(string text, Random random) => random.Next(3) switch
    {
        0 => text.ToUpperInvariant(),
        1 => text.ToLowerInvariant(),
        _ => string.Concat(text.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))),
    };

    public static string Whitespace(string text, Random random)
    {
        var builder = new StringBuilder(new string(' ', 1 + random.Next(3)));
        var breaks = new[] { "  ", "   ", "\t", "\n", " \n " };
        var parts = text.Split(' ');
        for (var i = 0; i < parts.Length; i++)
        {
            builder.Append(parts[i]);
            if (i < parts.Length - 1)
            {
                builder.Append(random.NextDouble() < 0.3 ? breaks[random.Next(breaks.Length)] : " ");
            }
        }

        return builder.Append(new string(' ', 1 + random.Next(3))).ToString();
    }

    public static (string Text, string Injected) Pii(string text, Faker faker)
    {
        var (sentence, value) = faker.Random.Number(4) switch
        {
            0 => Say("My email is {0}.", faker.Internet.Email()),
            1 => Say("You can call me on {0}.", faker.Phone.PhoneNumber()),
            2 => Say("My card number is {0}.", faker.Finance.CreditCardNumber()),
            3 => Say("I live at {0}.", faker.Address.StreetAddress() + ", " + faker.Address.City()),
            _ => Say("My name is {0}.", faker.Name.FullName()),
        };
        return (faker.Random.Bool() ? sentence + " " + text : text + " " + sentence, value);

        static (string, string) Say(string format, string value) => (string.Format(System.Globalization.CultureInfo.InvariantCulture, format, value), value);
    }

    public static string Truncate(string text, Random random)
    {
        var target = (int)(text.Length * (0.3 + (random.NextDouble() * 0.5)));
        var cut = text.LastIndexOf(' ', Math.Clamp(target, 0, Math.Max(0, text.Length - 1)));
        var end = cut > 0 ? cut : Math.Max(1, target);
        return end >= text.Length ? text : text[..end].TrimEnd();
    }

    private static List<(int Start, int Length)> Words(string text)
    {
        var words = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                words.Add((start, i - start));
                start = -1;
            }
        }

        return words;
    }
}
