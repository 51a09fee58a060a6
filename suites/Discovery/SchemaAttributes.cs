using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Discovery;

/// <summary>One attribute definition found while walking a schema, with where it sits.</summary>
public sealed record SchemaAttribute(string SchemaId, string Path, JsonObject Definition, bool IsSubAttribute)
{
    public string? Name => Definition.StringMember("name");
    public string? Type => Definition.StringMember("type");

    /// <summary>How a problem names it: <c>urn:…:User → name.givenName</c>.</summary>
    public override string ToString() => $"{SchemaId} → {Path}";

    /// <summary>Every attribute and sub-attribute of the schemas, depth first.</summary>
    public static IEnumerable<SchemaAttribute> All(IEnumerable<JsonObject> schemas)
    {
        foreach (var schema in schemas)
        {
            var schemaId = schema.StringMember("id") ?? "(schema without id)";
            foreach (var attribute in Walk(schemaId, schema.Member("attributes"), "", false))
                yield return attribute;
        }
    }

    private static IEnumerable<SchemaAttribute> Walk(string schemaId, JsonNode? attributes, string parent, bool isSub)
    {
        if (attributes is not JsonArray array)
            yield break;
        var index = 0;
        foreach (var node in array)
        {
            index++;
            if (node is not JsonObject definition)
                continue;
            var name = definition.StringMember("name") ?? $"[{index}]";
            var path = parent.Length == 0 ? name : $"{parent}.{name}";
            yield return new SchemaAttribute(schemaId, path, definition, isSub);
            foreach (var sub in Walk(schemaId, definition.Member("subAttributes"), path, true))
                yield return sub;
        }
    }
}
