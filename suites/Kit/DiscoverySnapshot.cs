using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>What the server says about itself — <c>/ServiceProviderConfig</c>, <c>/ResourceTypes</c>,
/// <c>/Schemas</c> — read once per run and shared. It reads leniently (a bare array where a ListResponse belongs
/// still yields the resource types): judging the shape is the discovery checks' job; this only supplies facts to
/// every other check, which names the missing fact as a prerequisite when it cannot be had. When /ResourceTypes or
/// /Schemas are missing, partial or wrong about the RFC's own User and Group, the snapshot is a repaired working view
/// (see <see cref="DiscoveryRepair"/>) and <see cref="Raw"/> keeps what the server said, for the discovery checks.</summary>
public sealed class DiscoverySnapshot
{
    private readonly DiscoverySnapshot? _raw;
    private readonly IReadOnlyDictionary<JsonObject, string> _repaired;
    private readonly Action<string>? _onRepairedFactUsed;

    private DiscoverySnapshot(JsonObject? spc, string? spcProblem, IReadOnlyList<JsonObject>? resourceTypes,
        string? resourceTypesProblem, IReadOnlyList<JsonObject>? schemas, string? schemasProblem, IReadOnlyList<Exchange> exchanges,
        DiscoverySnapshot? raw = null, IReadOnlyList<string>? repairs = null, IReadOnlyDictionary<JsonObject, string>? repaired = null,
        Action<string>? onRepairedFactUsed = null)
    {
        Exchanges = exchanges;
        ServiceProviderConfigOrNull = spc;
        ServiceProviderConfigProblem = spcProblem;
        ResourceTypesOrNull = resourceTypes;
        ResourceTypesProblem = resourceTypesProblem;
        SchemasOrNull = schemas;
        SchemasProblem = schemasProblem;
        _raw = raw;
        Repairs = repairs ?? [];
        _repaired = repaired ?? new Dictionary<JsonObject, string>(ReferenceEqualityComparer.Instance);
        _onRepairedFactUsed = onRepairedFactUsed;
    }

    /// <summary>The documents exactly as the server served them. Discovery checks judge these; every other check
    /// works from the repaired view (this snapshot, when <see cref="Repairs"/> is not empty).</summary>
    public DiscoverySnapshot Raw => _raw ?? this;

    /// <summary>One sentence per fact the suite took from RFC 7643 §8.7.1 because the server's discovery was missing,
    /// partial or wrong; empty when the server's own documents were used as served.</summary>
    public IReadOnlyList<string> Repairs { get; }

    /// <summary>A working view built from <paramref name="raw"/> with repaired resource types and schemas. Each
    /// repaired object maps to the note that explains it, so a check that reads it can say so.</summary>
    internal static DiscoverySnapshot Repaired(DiscoverySnapshot raw, IReadOnlyList<JsonObject> resourceTypes, IReadOnlyList<JsonObject> schemas,
        IReadOnlyDictionary<JsonObject, string> repaired, IReadOnlyList<string> repairs, IReadOnlyList<Exchange> exchanges) =>
        // A list that could not be read and that nothing replaced stays unreadable, with its reason: an empty list
        // would read "the server has no resource types", and every check would end NotApplicable for a broken server.
        new(raw.ServiceProviderConfigOrNull, raw.ServiceProviderConfigProblem,
            raw.ResourceTypesOrNull is null && resourceTypes.Count == 0 ? null : resourceTypes,
            raw.ResourceTypesOrNull is null && resourceTypes.Count == 0 ? raw.ResourceTypesProblem : null,
            raw.SchemasOrNull is null && schemas.Count == 0 ? null : schemas,
            raw.SchemasOrNull is null && schemas.Count == 0 ? raw.SchemasProblem : null,
            exchanges, raw, repairs, repaired);

    /// <summary>The same view, calling <paramref name="onRepairedFactUsed"/> with a repair's note whenever a check
    /// reads a repaired fact: that is how a verdict comes to name the fallback it rested on.</summary>
    internal DiscoverySnapshot ObservedBy(Action<string> onRepairedFactUsed) => Repairs.Count == 0 ? this
        : new(ServiceProviderConfigOrNull, ServiceProviderConfigProblem, ResourceTypesOrNull, ResourceTypesProblem, SchemasOrNull,
            SchemasProblem, Exchanges, Raw, Repairs, _repaired, onRepairedFactUsed);

    private JsonObject? Noted(JsonObject? value)
    {
        if (value is not null && _onRepairedFactUsed is not null && _repaired.TryGetValue(value, out var note))
            _onRepairedFactUsed(note);
        return value;
    }

    /// <summary>The exchanges this snapshot was read from: the evidence of every check that relies on it.</summary>
    public IReadOnlyList<Exchange> Exchanges { get; }

    public JsonObject? ServiceProviderConfigOrNull { get; }
    public string? ServiceProviderConfigProblem { get; }
    public IReadOnlyList<JsonObject>? ResourceTypesOrNull
    {
        get
        {
            // A check that walks every resource type uses each repaired one.
            foreach (var type in _resourceTypes ?? [])
                Noted(type);
            return _resourceTypes;
        }
        private init => _resourceTypes = value;
    }

    private readonly IReadOnlyList<JsonObject>? _resourceTypes;
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
        Noted(Schemas.FirstOrDefault(s => string.Equals(s.StringMember("id"), id, StringComparison.OrdinalIgnoreCase)));

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
        Noted((_resourceTypes ?? throw new PrerequisiteException($"the resource types could not be read ({ResourceTypesProblem})")).FirstOrDefault(rt => string.Equals(rt.StringMember("schema"), schemaUrn, StringComparison.OrdinalIgnoreCase)));

    /// <summary>This view's counterpart of a resource type a check holds — itself, or the repaired type at the same
    /// endpoint when the check read it from the raw documents — so data is always built from the working view.</summary>
    public JsonObject WorkingTypeFor(JsonObject resourceType)
    {
        var types = _resourceTypes ?? [];
        if (types.Any(t => ReferenceEquals(t, resourceType)))
            return Noted(resourceType)!;
        var endpoint = resourceType.StringMember("endpoint");
        return Noted(types.FirstOrDefault(t => endpoint is not null && string.Equals(t.StringMember("endpoint"), endpoint, StringComparison.OrdinalIgnoreCase)))
            ?? resourceType;
    }

    /// <summary>Every advertised value of the ServiceProviderConfig, flattened for the report
    /// (<c>patch.supported</c> = <c>true</c>, <c>authenticationSchemes</c> = <c>oauthbearertoken</c>). Every value is
    /// the server's text (a hostile one echoes the Authorization header into one): masked by <paramref name="redactor"/>.</summary>
    public IReadOnlyList<Capability> Capabilities(Redactor redactor)
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
                        if (subValue is JsonValue scalar)
                            capabilities.Add(new Capability(redactor.Text($"{name}.{sub}"), redactor.Text(ValueText(scalar))));
                    }
                    break;
                case JsonArray schemes when string.Equals(name, "authenticationSchemes", StringComparison.OrdinalIgnoreCase):
                    capabilities.Add(new Capability(name, redactor.Text(string.Join(", ",
                        schemes.OfType<JsonObject>().Select(s => s.StringMember("type") ?? s.StringMember("name") ?? "?")))));
                    break;
            }
        }
        return capabilities;
    }

    // A string as the server sent it (ToJsonString would escape '+' as \u002B, a spelling of a secret the mask must
    // then know); any other value as JSON.
    private static string ValueText(JsonValue value) =>
        value.TryGetValue<string>(out var text) ? text : value.ToJsonString();

    /// <summary>Reads the three discovery endpoints. Exchanges go to the session's own evidence.</summary>
    public static async Task<DiscoverySnapshot> FetchAsync(TargetSession session, CancellationToken cancellationToken)
    {
        var exchanges = new ConcurrentQueue<Exchange>();
        var client = new ScimClient(session, e => { exchanges.Enqueue(e); session.SessionExchanges.Enqueue(e); }, cancellationToken);
        var spc = await ReadObjectAsync(client, "ServiceProviderConfig");
        var resourceTypes = await ReadListAsync(client, "ResourceTypes");
        var schemas = await ReadListAsync(client, "Schemas");
        var raw = new DiscoverySnapshot(spc.Value, spc.Problem, resourceTypes.Value, resourceTypes.Problem, schemas.Value, schemas.Problem,
            exchanges.ToArray());
        return await DiscoveryRepair.RepairAsync(raw, client, () => exchanges.ToArray());
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
