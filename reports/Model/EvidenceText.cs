namespace Scim.Conformance.Reports.Model;

/// <summary>Caps a value recorded as evidence (a reason, an Expected or Actual, a note), so that what a server sends
/// back (an id of 60,000 characters, a body quoted whole) cannot grow a result, and every report rendered from it,
/// without bound. The cut is visible: the text says how much was left out where it was.</summary>
public static class EvidenceText
{
    /// <summary>Characters kept of one value: enough for any sentence and a generous quote of a body.</summary>
    public const int MaxLength = 4 * 1024;

    /// <summary>At most this many entries of one list of evidence (per-type results, adaptations) are kept.</summary>
    public const int MaxEntries = 200;

    /// <summary>The text, or its beginning and its end with how much was cut between them: a sentence about a long
    /// value usually says what went wrong at its end ("PUT …/Users/xxxx…xxx failed: the connection was reset").</summary>
    public static string? Cap(string? text, int max = MaxLength)
    {
        if (text is null || text.Length <= max)
            return text;
        var head = max / 2;
        var tail = max - head;
        // Never split a surrogate pair: half of one is not text, and XML and JSON writers would stumble on it.
        if (char.IsHighSurrogate(text[head - 1]))
            head--;
        if (char.IsLowSurrogate(text[^tail]))
            tail--;
        return string.Concat(text.AsSpan(0, head), $" … ({text.Length - head - tail} characters cut) … ", text.AsSpan(text.Length - tail));
    }

    /// <summary>The first <see cref="MaxEntries"/> items, and a last one saying how many were left out.</summary>
    public static IReadOnlyList<T> CapEntries<T>(IReadOnlyList<T> items, Func<int, T> omitted)
    {
        if (items.Count <= MaxEntries)
            return items;
        return [.. items.Take(MaxEntries), omitted(items.Count - MaxEntries)];
    }
}
