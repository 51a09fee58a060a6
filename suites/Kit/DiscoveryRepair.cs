using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Builds the working view every non-discovery check uses when the server's /ResourceTypes or /Schemas are
/// missing, unreadable, partial or wrong about the RFC's own User and Group: the RFC 7643 §8.7.1 definitions take the
/// place of what is missing or wrong, at the conventional endpoint. A resource type is only added after a plain
/// <c>GET /Users?count=1</c> shows the endpoint answers, so a server without Groups stays without Groups. Each
/// repair leaves a note that the verdicts resting on it carry; the discovery checks still judge the raw documents.</summary>
internal static class DiscoveryRepair
{
    public static async Task<DiscoverySnapshot> RepairAsync(DiscoverySnapshot raw, ScimClient client, Func<IReadOnlyList<Exchange>> exchanges)
    {
        var types = (raw.ResourceTypesOrNull ?? []).ToList();
        var schemas = (raw.SchemasOrNull ?? []).ToList();
        var repaired = new Dictionary<JsonObject, string>(ReferenceEqualityComparer.Instance);
        var notes = new List<string>();

        foreach (var (name, coreUrn, endpoint) in RfcDefinitions.CoreTypes)
        {
            if (types.Any(t => Same(t.StringMember("schema"), coreUrn)))
                continue;
            var index = types.FindIndex(t => Same(t.StringMember("name"), name) || Same(t.StringMember("id"), name) || Same(t.StringMember("endpoint"), endpoint));
            if (index >= 0)
            {
                // The server's own type for User or Group names a schema that cannot be its core: an extension URN,
                // or one /Schemas does not define. Its endpoint and name are kept; the core schema is the RFC's.
                var served = types[index];
                var named = served.StringMember("schema");
                var isExtension = named is not null && IsExtension(named, types);
                if (named is not null && !isExtension && schemas.Any(s => Same(s.StringMember("id"), named)))
                    continue; // a custom core schema the server defines: its own business
                var replacement = RfcType(name, served.StringMember("endpoint") ?? endpoint, served, isExtension ? named : null, schemas);
                types[index] = replacement;
                var note = named is null
                    ? $"/ResourceTypes: the {name} resource type names no core schema; the suite used RFC 7643 §8.7.1's {coreUrn}"
                    : isExtension
                        ? $"/ResourceTypes: the {name} resource type names the extension schema {named} as its core schema; the suite used RFC 7643 §8.7.1's {coreUrn} as core and {named} as its extension"
                        : $"/ResourceTypes: the {name} resource type names the schema {named}, which /Schemas does not define; the suite used RFC 7643 §8.7.1's {coreUrn}";
                notes.Add(note);
                repaired[replacement] = note;
                continue;
            }
            // No type at all: the conventional endpoint decides, by a plain list request.
            var probe = await client.GetAsync($"{endpoint.TrimStart('/')}?count=1");
            if (probe.Status != 200 || probe.JsonObject is not { } list || (list.Member("Resources") is null && list.Member("totalResults") is null))
                continue;
            var added = RfcType(name, endpoint, null, null, schemas);
            types.Add(added);
            var why = raw.ResourceTypesOrNull is null ? $"could not be read ({raw.ResourceTypesProblem})" : $"lists no {name} resource type";
            var addedNote = $"/ResourceTypes {why}, but GET {endpoint}?count=1 answered 200 with a list: the suite used RFC 7643 §8.7.1's {name} resource type at {endpoint}";
            notes.Add(addedNote);
            repaired[added] = addedNote;
        }

        // Every schema the working types name that /Schemas lacks and the RFC defines.
        foreach (var urn in types.SelectMany(SchemaUrnsOf).Distinct(StringComparer.OrdinalIgnoreCase).ToList())
        {
            if (schemas.Any(s => Same(s.StringMember("id"), urn)) || RfcDefinitions.Schema(urn) is not { } definition)
                continue;
            schemas.Add(definition);
            var why = raw.SchemasOrNull is null ? $"could not be read ({raw.SchemasProblem})" : $"does not define {urn}";
            var note = $"/Schemas {why}: the suite used RFC 7643 §8.7.1's definition of {urn}";
            notes.Add(note);
            repaired[definition] = note;
        }

        return notes.Count == 0 && raw.ResourceTypesOrNull is not null && raw.SchemasOrNull is not null
            ? raw
            : DiscoverySnapshot.Repaired(raw, types, schemas, repaired, notes, exchanges());
    }

    /// <summary>An extension URN by its name (RFC 7643 §3.3 puts extensions under <c>…:schemas:extension:…</c>) or
    /// by another resource type listing it among its extensions.</summary>
    private static bool IsExtension(string urn, List<JsonObject> types) =>
        urn.Contains(":schemas:extension:", StringComparison.OrdinalIgnoreCase)
        || types.Any(t => (t.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>().Any(e => Same(e.StringMember("schema"), urn)));

    /// <summary>The RFC's type, at the server's endpoint and under the server's name and id when it has them. Its
    /// extensions are the server's own plus the one it misnamed as core; EnterpriseUser is kept only when the server
    /// says anything about it, so a server without it is not sent it.</summary>
    private static JsonObject RfcType(string name, string endpoint, JsonObject? served, string? misnamedExtension, List<JsonObject> schemas)
    {
        var type = RfcDefinitions.ResourceType(name);
        type["endpoint"] = endpoint;
        if (served?.StringMember("id") is { } id)
            type["id"] = id;
        if (served?.StringMember("name") is { } servedName)
            type["name"] = servedName;
        var extensions = new JsonArray();
        var listed = (served?.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>().Select(e => (JsonObject)e.DeepClone()).ToList();
        if (misnamedExtension is not null && !listed.Any(e => Same(e.StringMember("schema"), misnamedExtension)))
            listed.Add(new JsonObject { ["schema"] = misnamedExtension, ["required"] = false });
        foreach (var rfcExtension in (type.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>())
        {
            var urn = rfcExtension.StringMember("schema");
            if (urn is not null && !listed.Any(e => Same(e.StringMember("schema"), urn)) && schemas.Any(s => Same(s.StringMember("id"), urn)))
                listed.Add((JsonObject)rfcExtension.DeepClone());
        }
        foreach (var extension in listed)
            extensions.Add(extension);
        type["schemaExtensions"] = extensions;
        return type;
    }

    private static IEnumerable<string> SchemaUrnsOf(JsonObject type) =>
        new[] { type.StringMember("schema") }
            .Concat((type.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>().Select(e => e.StringMember("schema")))
            .OfType<string>();

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
