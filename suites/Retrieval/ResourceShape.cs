using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Retrieval;

/// <summary>What the discovered schemas say about one resource type's attributes: their definitions, their
/// <c>returned</c> characteristic, and which members of a representation are the type's extensions. Every retrieval
/// check judges against this, never against a hard-coded idea of the User schema, except where RFC 7643 fixes the
/// rule itself (<c>id</c> is returned always; <c>schemas</c> frames every resource).</summary>
internal sealed class ResourceShape
{
    private ResourceShape(string coreUrn, JsonObject coreSchema, IReadOnlyList<(string Urn, JsonObject Schema)> extensions)
    {
        CoreUrn = coreUrn;
        CoreSchema = coreSchema;
        Extensions = extensions;
    }

    public string CoreUrn { get; }
    public JsonObject CoreSchema { get; }
    /// <summary>The resource type's extensions whose schema /Schemas publishes.</summary>
    public IReadOnlyList<(string Urn, JsonObject Schema)> Extensions { get; }

    public static ResourceShape Of(DiscoverySnapshot discovery, JsonObject resourceType)
    {
        var name = ResourceFactory.NameOf(resourceType);
        var coreUrn = resourceType.StringMember("schema")
            ?? throw new PrerequisiteException($"resource type {name} names no schema");
        var core = discovery.Schema(coreUrn)
            ?? throw new PrerequisiteException($"the schema {coreUrn} of resource type {name} is not in /Schemas");
        var extensions = (resourceType.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>()
            .Select(e => e.StringMember("schema")).OfType<string>()
            .Select(urn => (Urn: urn, Schema: discovery.Schema(urn)))
            .Where(e => e.Schema is not null)
            .Select(e => (e.Urn, e.Schema!))
            .ToList();
        return new ResourceShape(coreUrn, core, extensions);
    }

    /// <summary>The top-level attribute <paramref name="name"/> of the core schema (or of the extension
    /// <paramref name="urn"/>), ignoring case.</summary>
    public JsonObject? Attribute(string name, string? urn = null) =>
        AttributesOf(urn is null ? CoreSchema : ExtensionSchema(urn)).FirstOrDefault(a => NameIs(a, name));

    public static JsonObject? SubAttribute(JsonObject? attribute, string name) =>
        attribute is null ? null : AttributesOf(attribute, "subAttributes").FirstOrDefault(a => NameIs(a, name));

    public static IEnumerable<JsonObject> AttributesOf(JsonObject? schemaOrAttribute, string member = "attributes") =>
        schemaOrAttribute?.Member(member) is JsonArray a ? a.OfType<JsonObject>() : [];

    public JsonObject? ExtensionSchema(string urn) =>
        Extensions.FirstOrDefault(e => string.Equals(e.Urn, urn, StringComparison.OrdinalIgnoreCase)).Schema;

    /// <summary>The extension a top-level member of a representation holds, when the member is an extension URN.</summary>
    public string? ExtensionFor(string memberName) =>
        Extensions.Select(e => e.Urn).FirstOrDefault(u => string.Equals(u, memberName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The <c>returned</c> characteristic, lower-cased; "default" when the definition does not say
    /// (RFC 7643 §7). <c>id</c> is "always" whatever the schema says (RFC 7643 §3.1).</summary>
    public static string Returned(JsonObject? definition) =>
        definition?.StringMember("returned")?.ToLowerInvariant() ?? "default";

    public bool IsAlways(string name, string? urn = null) =>
        urn is null && (Is(name, "id") || Is(name, "schemas")) || Returned(Attribute(name, urn)) == "always";

    /// <summary>Every top-level attribute (core and extensions) whose schema says it is returned "never" or
    /// "request", as (urn or null for core, name, returned).</summary>
    public IEnumerable<(string? Urn, string Name, string Returned)> Withheld()
    {
        foreach (var attribute in AttributesOf(CoreSchema))
        {
            if (attribute.StringMember("name") is { } name && Returned(attribute) is "never" or "request")
                yield return (null, name, Returned(attribute));
        }
        foreach (var (urn, schema) in Extensions)
        {
            foreach (var attribute in AttributesOf(schema))
            {
                if (attribute.StringMember("name") is { } name && Returned(attribute) is "never" or "request")
                    yield return (urn, name, Returned(attribute));
            }
        }
    }

    /// <summary>The top-level core attributes a stored representation holds that are plain candidates for selection:
    /// returned "default" (not always, never or request), in the order the representation lists them.</summary>
    public IReadOnlyList<string> DefaultAttributesIn(JsonObject stored) =>
        stored.Select(p => p.Key)
            .Where(k => ExtensionFor(k) is null && !IsAlways(k) && !Is(k, "meta")
                        && Attribute(k) is { } definition && Returned(definition) == "default" && Present(stored.Member(k)))
            .ToList();

    /// <summary>The member name in the representation for a candidate, preferring <paramref name="preferred"/>.</summary>
    public static string? Pick(IReadOnlyList<string> candidates, params string[] preferred) =>
        preferred.Select(p => candidates.FirstOrDefault(c => Is(c, p))).FirstOrDefault(c => c is not null) ?? candidates.FirstOrDefault();

    /// <summary>A value a resource actually holds: not null, not an empty array, not an empty object.</summary>
    public static bool Present(JsonNode? value) => value switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        _ => true,
    };

    public static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool NameIs(JsonObject attribute, string name) => attribute.StringMember("name") is { } n && Is(n, name);
}
