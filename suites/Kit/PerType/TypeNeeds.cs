using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit.PerType;

/// <summary>How each <see cref="TypeNeed"/> reads in words and which attributes of a schema meet it.</summary>
public static class TypeNeeds
{
    /// <summary>The ServiceProviderConfig field a capability need names; null for an attribute need.</summary>
    public static string? Capability(TypeNeed need) => need switch
    {
        TypeNeed.PatchSupported => "patch.supported",
        TypeNeed.FilterSupported => "filter.supported",
        _ => null,
    };

    /// <summary>The need as a noun phrase: "each advertised resource type with {phrase}".</summary>
    public static string Phrase(TypeNeed need) => need switch
    {
        TypeNeed.PatchSupported => "PATCH advertised (patch.supported)",
        TypeNeed.FilterSupported => "filtering advertised (filter.supported)",
        TypeNeed.ReadOnlyAttribute => "a readOnly attribute",
        TypeNeed.ImmutableAttribute => "an immutable attribute",
        TypeNeed.WriteOnlyAttribute => "a writeOnly attribute",
        TypeNeed.CaseInsensitiveString => "a writable caseExact-false string attribute",
        TypeNeed.UniqueAttribute => "a writable string attribute with uniqueness server or global",
        TypeNeed.CaseInsensitiveUniqueAttribute => "a writable caseExact-false string attribute with uniqueness server or global",
        TypeNeed.RequiredAttribute => "a required writable attribute",
        TypeNeed.CanonicalValues => "a writable attribute with canonicalValues",
        TypeNeed.PrimaryMultiValued => "a multi-valued attribute with primary",
        TypeNeed.ReturnedNeverAttribute => "an attribute returned never (or a password)",
        _ => need.ToString(),
    };

    /// <summary>"each advertised resource type" followed by what it must have, for <c>list</c> and the reports.</summary>
    public static string AppliesTo(IReadOnlyList<TypeNeed> needs) =>
        needs.Count == 0 ? "each advertised resource type" : $"each advertised resource type with {string.Join(" and ", needs.Select(Phrase))}";

    /// <summary>Whether a top-level attribute definition meets the attribute need (sub-attributes are looked at by
    /// the needs that concern them).</summary>
    public static bool Meets(TypeNeed need, JsonObject attribute)
    {
        var mutability = attribute.StringMember("mutability") ?? "readWrite";
        var writable = mutability is "readWrite" or "immutable" or "writeOnly";
        var singleString = attribute.StringMember("type") == "string" && !attribute.Member("multiValued").IsTrue();
        var caseInsensitive = !attribute.Member("caseExact").IsTrue();
        var unique = attribute.StringMember("uniqueness") is "server" or "global";
        var subAttributes = (attribute.Member("subAttributes") as JsonArray ?? []).OfType<JsonObject>().ToList();
        return need switch
        {
            TypeNeed.ReadOnlyAttribute => mutability == "readOnly",
            TypeNeed.ImmutableAttribute => mutability == "immutable" || subAttributes.Any(s => s.StringMember("mutability") == "immutable"),
            TypeNeed.WriteOnlyAttribute => mutability == "writeOnly",
            TypeNeed.CaseInsensitiveString => writable && singleString && caseInsensitive,
            TypeNeed.UniqueAttribute => writable && singleString && unique,
            TypeNeed.CaseInsensitiveUniqueAttribute => writable && singleString && unique && caseInsensitive,
            TypeNeed.RequiredAttribute => writable && attribute.Member("required").IsTrue(),
            TypeNeed.CanonicalValues => writable && (attribute.StringArray("canonicalValues") is { Count: > 0 }
                || subAttributes.Any(s => s.StringArray("canonicalValues") is { Count: > 0 } && s.StringMember("mutability") is null or "readWrite" or "immutable" or "writeOnly")),
            TypeNeed.PrimaryMultiValued => writable && attribute.Member("multiValued").IsTrue() && subAttributes.Any(s => s.StringMember("name") == "primary"),
            TypeNeed.ReturnedNeverAttribute => string.Equals(attribute.StringMember("returned"), "never", StringComparison.OrdinalIgnoreCase)
                || string.Equals(attribute.StringMember("name"), "password", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }
}
