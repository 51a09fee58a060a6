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

    public override string ToString() => Value;
}
