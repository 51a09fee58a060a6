using System.Security.Cryptography;

namespace Scim.Conformance.Suites.Kit;

/// <summary>The run-unique prefix on every name a run creates, so that on a shared tenant the run touches only
/// what it made, and anything left behind is recognisable as ours.</summary>
public sealed class RunPrefix
{
    private int _counter;

    public RunPrefix(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
            throw new ArgumentException("a run prefix is ASCII letters, digits and '-'", nameof(value));
        Value = value;
    }

    /// <summary>e.g. <c>scimct-4f9a1c</c>: a fixed marker and six random hex digits.</summary>
    public string Value { get; }

    public static RunPrefix NewRandom() => new("scimct-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)));

    /// <summary>A name unique within the run: <c>scimct-4f9a1c-user-7</c>.</summary>
    public string Name(string label) => $"{Value}-{label}-{Interlocked.Increment(ref _counter)}";

    public bool Owns(string? name) => name is not null && name.StartsWith(Value + "-", StringComparison.OrdinalIgnoreCase);

    /// <summary>The part of a name made by <see cref="Name"/> that is unique within the run — <c>scimct-4f9a1c-user-7</c>
    /// of <c>scimct-4f9a1c-user-7-Jürgen Weiß</c> — in ASCII, so a server that changes the letter case or the
    /// non-ASCII text after it (Turkish "İ" lower-cased to two characters, say) still shows the same name; the whole
    /// value when it has no such part.</summary>
    public string UniquePart(string name)
    {
        if (!Owns(name))
            return name;
        var match = System.Text.RegularExpressions.Regex.Match(name[(Value.Length + 1)..], "^[A-Za-z0-9-]*?-[0-9]+(?=-|$)");
        return match.Success ? name[..(Value.Length + 1 + match.Length)] : name;
    }

    public override string ToString() => Value;
}
