using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>What the server says about itself — <c>/ServiceProviderConfig</c>, <c>/ResourceTypes</c>,
/// <c>/Schemas</c> — read once per run and shared. It reads leniently (a bare array where a ListResponse belongs
/// still yields the resource types): judging the shape is the discovery checks' job; this only supplies facts to
/// every other check, which names the missing fact as a prerequisite when it cannot be had.</summary>
public sealed class DiscoverySnapshot
{
    private DiscoverySnapshot(JsonObject? spc, string? spcProblem, IReadOnlyList<JsonObject>? resourceTypes,
        string? resourceTypesProblem, IReadOnlyList<JsonObject>? schemas, string? schemasProblem, IReadOnlyList<Exchange> exchanges)
    {
        Exchanges = exchanges;
        ServiceProviderConfigOrNull = spc;
        ServiceProviderConfigProblem = spcProblem;
        ResourceTypesOrNull = resourceTypes;
        ResourceTypesProblem = resourceTypesProblem;
        SchemasOrNull = schemas;
        SchemasProblem = schemasProblem;
    }

    /// <summary>The exchanges this snapshot was read from: the evidence of every check that relies on it.</summary>
    public IReadOnlyList<Exchange> Exchanges { get; }

    public JsonObject? ServiceProviderConfigOrNull { get; }
    public string? ServiceProviderConfigProblem { get; }
    public IReadOnlyList<JsonObject>? ResourceTypesOrNull { get; }
    public string? ResourceTypesProblem { get; }
    public IReadOnlyList<JsonObject>? SchemasOrNull { get; }
    public string? SchemasProblem { get; }

    public JsonObject ServiceProviderConfig => ServiceProviderConfigOrNull
        ?? throw new PrerequisiteException($"the ServiceProviderConfig could not be read ({ServiceProviderConfigProblem})");

    public IReadOnlyList<JsonObject> ResourceTypes => ResourceTypesOrNull
        ?? throw new PrerequisiteException($"the resource types could not be read ({ResourceTypesProblem})");

    public IReadOnlyList<JsonObject> Schemas => SchemasOrNull
        ?? throw new PrerequisiteException($"the schemas could not be read ({SchemasProblem})");

    public JsonObject? Schema(string id) =>
        Schemas.FirstOrDefault(s => string.Equals(s.StringMember("id"), id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The definition of the attribute at <paramref name="dottedPath"/> (<c>name.familyName</c>) in the schema
    /// <paramref name="schemaUrn"/>, names matched ignoring case; null when the schema or the attribute is not there.</summary>
    public JsonObject? Attribute(string schemaUrn, string dottedPath)
    {
        JsonObject? current = Schema(schemaUrn);
        var member = "attributes";
        foreach (var segment in dottedPath.Split('.'))
        {
            current = (current?.Member(member) as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(a => string.Equals(a.StringMember("name"), segment, StringComparison.OrdinalIgnoreCase));
            member = "subAttributes";
        }
        return current;
    }

    /// <summary>The resource type whose core schema is <paramref name="schemaUrn"/>, if the server has one.</summary>
    public JsonObject? ResourceTypeBySchema(string schemaUrn) =>
        ResourceTypes.FirstOrDefault(rt => string.Equals(rt.StringMember("schema"), schemaUrn, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every advertised value of the ServiceProviderConfig, flattened for the report
    /// (<c>patch.supported</c> = <c>true</c>, <c>authenticationSchemes</c> = <c>oauthbearertoken</c>).</summary>
    public IReadOnlyList<Capability> Capabilities()
    {
        var capabilities = new List<Capability>();
        if (ServiceProviderConfigOrNull is not { } spc)
            return capabilities;
        foreach (var (name, value) in spc)
        {
            switch (value)
            {
                case JsonObject section when !string.Equals(name, "meta", StringComparison.OrdinalIgnoreCase):
                    foreach (var (sub, subValue) in section)
                    {
                        if (subValue is JsonValue)
                            capabilities.Add(new Capability($"{name}.{sub}", subValue.ToJsonString().Trim('"')));
                    }
                    break;
                case JsonArray schemes when string.Equals(name, "authenticationSchemes", StringComparison.OrdinalIgnoreCase):
                    capabilities.Add(new Capability(name, string.Join(", ",
                        schemes.OfType<JsonObject>().Select(s => s.StringMember("type") ?? s.StringMember("name") ?? "?"))));
                    break;
            }
        }
        return capabilities;
    }

    /// <summary>Reads the three discovery endpoints. Exchanges go to the session's own evidence.</summary>
    public static async Task<DiscoverySnapshot> FetchAsync(TargetSession session, CancellationToken cancellationToken)
    {
        var exchanges = new ConcurrentQueue<Exchange>();
        var client = new ScimClient(session, e => { exchanges.Enqueue(e); session.SessionExchanges.Enqueue(e); }, cancellationToken);
        var spc = await ReadObjectAsync(client, "ServiceProviderConfig");
        var resourceTypes = await ReadListAsync(client, "ResourceTypes");
        var schemas = await ReadListAsync(client, "Schemas");
        return new DiscoverySnapshot(spc.Value, spc.Problem, resourceTypes.Value, resourceTypes.Problem, schemas.Value, schemas.Problem,
            exchanges.ToArray());
    }

    private static async Task<(JsonObject? Value, string? Problem)> ReadObjectAsync(ScimClient client, string path)
    {
        var response = await client.GetAsync(path);
        if (response.Status != 200)
            return (null, $"GET /{path} answered {response.Status}");
        return response.Json switch
        {
            JsonObject o when ListResources(o) is [JsonObject only] => (only, null), // a ListResponse wrapping it
            JsonObject o => (o, null),
            _ => (null, $"GET /{path} did not return a JSON object ({response.JsonError ?? "another JSON value"})"),
        };
    }

    private static async Task<(IReadOnlyList<JsonObject>? Value, string? Problem)> ReadListAsync(ScimClient client, string path)
    {
        var response = await client.GetAsync(path);
        if (response.Status != 200)
            return (null, $"GET /{path} answered {response.Status}");
        return response.Json switch
        {
            JsonObject o when ListResources(o) is { } items => (items, null),
            JsonArray a => (a.OfType<JsonObject>().ToList(), null),
            _ => (null, $"GET /{path} returned neither a ListResponse nor an array ({response.JsonError ?? "no Resources"})"),
        };
    }

    private static List<JsonObject>? ListResources(JsonObject o) =>
        o.Member("Resources") is JsonArray resources ? resources.OfType<JsonObject>().ToList() : null;
}
