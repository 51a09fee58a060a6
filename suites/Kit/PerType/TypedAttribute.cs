using System.Text.Json.Nodes;

namespace Scim.Conformance.Suites.Kit.PerType;

/// <summary>One top-level attribute of a resource type, found in one of its schemas (the core schema or an
/// extension the type lists), with what a check needs to address it in a request.</summary>
public sealed record TypedAttribute(string SchemaUrn, bool InCore, JsonObject Definition)
{
    public string Name => Definition.StringMember("name") ?? "";

    /// <summary>How a filter or a PATCH path names it: the bare name in the core schema, <c>{urn}:{name}</c> in an extension.</summary>
    public string Path => InCore ? Name : $"{SchemaUrn}:{Name}";

    /// <summary>The attribute's value in a resource or body, or null when it has none.</summary>
    public JsonNode? ValueIn(JsonObject resource) => (InCore ? resource : resource.Member(SchemaUrn) as JsonObject)?.Member(Name);

    /// <summary>Sets the attribute in a request body, adding the extension's container and URN when needed.</summary>
    public void SetIn(JsonObject body, JsonNode? value)
    {
        if (InCore)
        {
            body[Name] = value;
            return;
        }
        if (body.Member(SchemaUrn) is not JsonObject container)
        {
            body[SchemaUrn] = container = new JsonObject();
            if (body["schemas"] is JsonArray schemas && !schemas.Any(s => s?.GetValue<string>() == SchemaUrn))
                schemas.Add(SchemaUrn);
        }
        container[Name] = value;
    }

    /// <summary>Removes the attribute from a request body.</summary>
    public void RemoveFrom(JsonObject body)
    {
        if (InCore)
            body.Remove(Name);
        else if (body.Member(SchemaUrn) is JsonObject container)
            container.Remove(Name);
    }
}
