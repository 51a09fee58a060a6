using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit.PerType;

/// <summary>One advertised resource type as a per-type check sees it: the /ResourceTypes entry and the attributes
/// of its own schemas (core first, then the extensions it lists), so the check picks its data from them.</summary>
public sealed class ResourceTypeUnderTest(JsonObject resourceType, IReadOnlyList<TypedAttribute> attributes)
{
    public JsonObject ResourceType { get; } = resourceType;

    /// <summary>The type's name, as /ResourceTypes gives it (e.g. "User", "AgenticApplication").</summary>
    public string Name => ResourceFactory.NameOf(ResourceType);

    public string Endpoint => ResourceFactory.EndpointOf(ResourceType);

    /// <summary>Every top-level attribute of the type's schemas that /Schemas publishes.</summary>
    public IReadOnlyList<TypedAttribute> Attributes { get; } = attributes;

    /// <summary>The attributes that meet an attribute need, core schema first.</summary>
    public IReadOnlyList<TypedAttribute> With(TypeNeed need) => [.. Attributes.Where(a => TypeNeeds.Meets(need, a.Definition))];

    /// <summary>The first attribute that meets the need, preferring <paramref name="preferred"/> (e.g. the naming attribute).</summary>
    public TypedAttribute? First(TypeNeed need, string? preferred = null)
    {
        var candidates = With(need);
        return candidates.FirstOrDefault(a => a.InCore && string.Equals(a.Name, preferred, StringComparison.OrdinalIgnoreCase)) ?? candidates.FirstOrDefault();
    }

    /// <summary>Reads the type's attributes from discovery; schemas /Schemas does not publish contribute nothing.</summary>
    public static ResourceTypeUnderTest From(JsonObject resourceType, DiscoverySnapshot discovery)
    {
        var attributes = new List<TypedAttribute>();
        void Add(string? urn, bool core)
        {
            if (urn is null || discovery.Schema(urn) is not { } schema)
                return;
            foreach (var attribute in (schema.Member("attributes") as JsonArray ?? []).OfType<JsonObject>())
            {
                if (attribute.StringMember("name") is not (null or "id" or "meta" or "schemas"))
                    attributes.Add(new TypedAttribute(urn, core, attribute));
            }
        }
        Add(resourceType.StringMember("schema"), core: true);
        foreach (var extension in (resourceType.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>())
            Add(extension.StringMember("schema"), core: false);
        return new ResourceTypeUnderTest(resourceType, attributes);
    }
}
