using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit;

/// <summary>The characteristics a check needs of an attribute it uses incidentally (to make a change, to filter on),
/// in words for the NotApplicable reason, and the names it prefers when the schema has them — so the check behaves as
/// before on a server that declares the usual attribute and still runs on one that declares another.</summary>
public sealed record AttributeNeed(string Description, Func<JsonObject, bool> Fits, IReadOnlyList<string> Preferred)
{
    /// <summary>A single-valued, optional, readWrite string with no canonical values and no uniqueness: one a check can
    /// set to any prefixed text and read back (nickName, title…).</summary>
    public static AttributeNeed SettableOptionalString { get; } = new(
        "a single-valued, optional, readWrite string attribute without canonical values or uniqueness",
        a => IsString(a) && !a.Member("required").IsTrue() && IsReadWrite(a) && NoCanonicalValues(a) && NotUnique(a)
            && a.StringMember("returned") is null or "default",
        ["nickName", "title", "displayName", "userType", "preferredLanguage", "description"]);

    /// <summary>As <see cref="SettableOptionalString"/>, compared case-insensitively (caseExact false or absent).</summary>
    public static AttributeNeed CaseInsensitiveString { get; } = new(
        "a single-valued, optional, readWrite string attribute compared case-insensitively (caseExact false)",
        a => SettableOptionalString.Fits(a) && !a.Member("caseExact").IsTrue(),
        SettableOptionalString.Preferred);

    /// <summary>A multi-valued, writable complex attribute with a <c>primary</c> and a <c>value</c> sub-attribute (emails…).</summary>
    public static AttributeNeed MultiValuedComplexWithPrimary { get; } = new(
        "a multi-valued, writable complex attribute with `value` and `primary` sub-attributes",
        a => a.StringMember("type") == "complex" && a.Member("multiValued").IsTrue() && IsReadWrite(a)
            && HasSub(a, "primary") && HasSub(a, "value"),
        ["emails", "phoneNumbers", "addresses", "ims", "photos"]);

    private static bool IsString(JsonObject a) => a.StringMember("type") == "string" && !a.Member("multiValued").IsTrue();
    private static bool IsReadWrite(JsonObject a) => a.StringMember("mutability") is null or "readWrite";
    private static bool NoCanonicalValues(JsonObject a) => a.StringArray("canonicalValues") is not { Count: > 0 } && a.Member("canonicalValues") is not JsonArray { Count: 0 };
    private static bool NotUnique(JsonObject a) => a.StringMember("uniqueness") is null or "none";
    private static bool HasSub(JsonObject a, string name) =>
        (a.Member("subAttributes") as JsonArray ?? []).OfType<JsonObject>().Any(s => string.Equals(s.StringMember("name"), name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Picks, from the resource type's own core schema, an attribute with the characteristics a check needs.</summary>
public static class AttributeChoice
{
    /// <summary>Attributes a check never picks incidentally: the common ones, the password, and the type's identifying
    /// attribute (it names the resource; changing it is not incidental).</summary>
    private static readonly string[] NeverPicked = ["id", "externalId", "meta", "schemas", "password"];

    /// <summary>The name of the attribute of <paramref name="resourceType"/>'s core schema that meets the need — the
    /// first of the preferred names that does, else the first in schema order — or NotApplicable naming what is missing.</summary>
    public static async Task<string> PickAsync(CheckContext context, JsonObject resourceType, AttributeNeed need)
    {
        var discovery = await context.DiscoveryAsync();
        var schemaUrn = resourceType.StringMember("schema") ?? "";
        var schema = discovery.Schema(schemaUrn)
            ?? throw new NotApplicableException($"the schema {schemaUrn} of {ResourceFactory.NameOf(resourceType)} is not published, so no attribute can be chosen from it");
        var identifying = IdentifyingAttributes.For(discovery, resourceType);
        var candidates = (schema.Member("attributes") as JsonArray ?? []).OfType<JsonObject>()
            .Where(a => a.StringMember("name") is { } name && !NeverPicked.Contains(name, StringComparer.OrdinalIgnoreCase)
                && !string.Equals(name, identifying, StringComparison.OrdinalIgnoreCase) && need.Fits(a))
            .Select(a => a.StringMember("name")!)
            .ToList();
        return need.Preferred.FirstOrDefault(p => candidates.Contains(p, StringComparer.OrdinalIgnoreCase)) is { } preferred
            ? candidates.First(c => string.Equals(c, preferred, StringComparison.OrdinalIgnoreCase))
            : candidates.FirstOrDefault()
              ?? throw new NotApplicableException($"the {ResourceFactory.NameOf(resourceType)} schema declares no {need.Description}, which this check needs");
    }
}
