using System.Collections;
using System.Globalization;

namespace EvalHarness.Logging;

/// <summary>A log entry's named values with their secrets masked, plus its redacted message (which <see cref="ToString"/> returns).</summary>
internal sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string Message => message;

    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => message;

    /// <summary>The state's named values, redacted; a state that is not a list of named values has none.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> Values<TState>(TState state)
    {
        if (state is not IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            return [];
        }

        var list = new List<KeyValuePair<string, object?>>();
        foreach (var (key, value) in pairs)
        {
            list.Add(new KeyValuePair<string, object?>(key, Value(value)));
        }

        return list;
    }

    /// <summary>A scope's state with its secrets masked: named values stay named, anything else becomes redacted text.</summary>
    public static object ForScope<TState>(TState state)
        where TState : notnull =>
        state is IEnumerable<KeyValuePair<string, object?>>
            ? new RedactedState(Values(state), SecretRedaction.Redact(state.ToString()) ?? string.Empty)
            : SecretRedaction.Redact(Convert.ToString(state, CultureInfo.InvariantCulture)) ?? string.Empty;

    private static object? Value(object? value) => value switch
    {
        null => null,
        string text => SecretRedaction.Redact(text),

        // Values a formatter writes as numbers, booleans or timestamps cannot carry a key; keep their type for structured sinks.
        bool or char or sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal => value,
        Enum or DateTime or DateTimeOffset or TimeSpan or Guid => value,
        _ => SecretRedaction.Redact(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
