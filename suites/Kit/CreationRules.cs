using System.Collections.Concurrent;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>What a body of a resource type needs, beyond its schema, for the server to accept it.</summary>
[Flags]
public enum CreationNeeds
{
    /// <summary>The schema's own rules are enough.</summary>
    Nothing = 0,
    /// <summary>A work email, primary, when the body has none.</summary>
    WorkEmail = 1,
    /// <summary>A userName shaped like an email address (<c>scimct-…@example.com</c>).</summary>
    EmailUserName = 2,
    /// <summary>Every declared writable attribute filled.</summary>
    EveryAttribute = 4,
}

/// <summary>A creation rule learned from the server: what its bodies need, in words, and the exchanges that taught it.</summary>
/// <param name="Alternatives">Every single addition the server accepted on its own (a work email, an email-shaped
/// userName): a check whose body must lack one (a User without emails) uses another.</param>
public sealed record CreationRule(CreationNeeds Needs, string? Note, IReadOnlyList<Exchange> Evidence, IReadOnlyList<CreationNeeds> Alternatives)
{
    public static CreationRule None { get; } = new(CreationNeeds.Nothing, null, [], []);
}

/// <summary>The creation rules learned during a run, one per resource type, shared by every check. Each type is
/// learned once (concurrent checks wait for the same lesson), so the server sees one probe, not one per check.</summary>
public sealed class CreationRules
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CreationRule>>> _byType = new(StringComparer.OrdinalIgnoreCase);

    public Task<CreationRule> ForAsync(string resourceType, Func<Task<CreationRule>> learn) =>
        _byType.GetOrAdd(resourceType, _ => new Lazy<Task<CreationRule>>(learn)).Value;

    /// <summary>The rules learned so far, by resource type, for the report.</summary>
    public IReadOnlyDictionary<string, CreationRule> Learned =>
        _byType.Where(pair => pair.Value.IsValueCreated && pair.Value.Value.IsCompletedSuccessfully && pair.Value.Value.Result.Needs != CreationNeeds.Nothing)
            .ToDictionary(pair => pair.Key, pair => pair.Value.Value.Result);
}
