using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Deactivation;

/// <summary>
/// What the deactivation checks share: the resource types that can be deactivated (those whose core schema has a
/// writable boolean <c>active</c>: Users, Agents, AgenticApplications on a server with the agent extension), creating an
/// active one, and switching <c>active</c> by PUT. Every change is verified by a fresh GET, never by the echo.
/// </summary>
public abstract class DeactivationCheck : ScimCheck
{
    /// <summary>Every resource type with a writable boolean <c>active</c>; NotApplicable when there is none.</summary>
    protected async Task<IReadOnlyList<JsonObject>> DeactivatableTypesAsync()
    {
        var discovery = await DiscoveryAsync();
        var types = discovery.ResourceTypes.Where(type => HasWritableActive(discovery, type)).ToList();
        return types.Count > 0 ? types : throw new NotApplicableException("no resource type's schema (in /Schemas) has a writable boolean attribute active");
    }

    /// <summary>The resource type whose core schema is <paramref name="schemaUrn"/>, provided it can be deactivated.</summary>
    protected async Task<JsonObject> DeactivatableTypeAsync(string schemaUrn)
    {
        var type = await ResourceTypeAsync(schemaUrn);
        return HasWritableActive(await DiscoveryAsync(), type) ? type
            : throw new NotApplicableException($"the schema {schemaUrn} has no writable boolean attribute active");
    }

    private static bool HasWritableActive(DiscoverySnapshot discovery, JsonObject type) =>
        (discovery.Schema(type.StringMember("schema") ?? "")?.Member("attributes") as JsonArray ?? []).OfType<JsonObject>()
            .Any(a => string.Equals(a.StringMember("name"), "active", StringComparison.OrdinalIgnoreCase)
                && a.StringMember("type") == "boolean" && a.StringMember("mutability") is "readWrite" or "writeOnly" or null);

    /// <summary>Creates an active resource of the type (every writable attribute when <paramref name="rich"/>).</summary>
    protected async Task<JsonObject> CreateActiveAsync(JsonObject type, bool rich = false, Action<JsonObject>? adjust = null)
    {
        var body = rich ? await Resources.RichAsync(type) : await Resources.MinimalAsync(type);
        body["active"] = true;
        adjust?.Invoke(body);
        return await Resources.CreateOrSkipAsync(type, body);
    }

    protected static string NameOf(JsonObject type) => ResourceFactory.NameOf(type);

    /// <summary>A fresh GET that must succeed for the check to go on; otherwise Skipped naming why.</summary>
    protected async Task<JsonObject> ReadOrSkipAsync(JsonObject type, string id)
    {
        var response = await ReadAsync(type, id);
        if (response.Status != 200 || response.JsonObject is not { } body)
            throw new PrerequisiteException($"the {NameOf(type)} could not be read: {response.Summary} (see lifecycle.read.by-id)");
        return body;
    }

    /// <summary>PUT of the resource as just read, with <c>active</c> set: the route every client has, PATCH or not.</summary>
    protected async Task<ScimResponse> PutActiveAsync(JsonObject type, string id, bool active)
    {
        var body = (JsonObject)(await ReadOrSkipAsync(type, id)).DeepClone();
        body.Remove("meta");
        body["active"] = active;
        return await Scim.PutAsync(PathOf(type, id), body);
    }

    /// <summary>Deactivates (or reactivates) by PUT; Skipped when the server refuses, since that is another check's verdict.</summary>
    protected async Task PutActiveOrSkipAsync(JsonObject type, string id, bool active)
    {
        var response = await PutActiveAsync(type, id, active);
        if (response.Status is < 200 or >= 300)
            throw new PrerequisiteException($"the {NameOf(type)} could not be {(active ? "reactivated" : "deactivated")} by PUT: {response.Summary} (see deactivation.put.active-false)");
    }

    /// <summary>Where a resource stands after a deactivation: what a fresh GET shows.</summary>
    protected async Task<string?> DeactivationProblemAsync(JsonObject type, string id, bool expectedActive = false)
    {
        var read = await ReadAsync(type, id);
        if (read.Status == 404)
            return $"{NameOf(type)}: {read.Summary} — the resource is gone; {(expectedActive ? "reactivation" : "deactivation")} must not delete it";
        if (read.Status != 200 || read.JsonObject is not { } body)
            return $"{NameOf(type)}: {read.Summary}";
        var active = body.Member("active");
        if (!active.IsBoolean())
            return $"{NameOf(type)}: active is {ScimJson.Describe(active)}, not the boolean {(expectedActive ? "true" : "false")}";
        return active.IsTrue() == expectedActive ? null : $"{NameOf(type)}: a fresh GET shows active {ScimJson.Describe(active)}";
    }

    protected static bool IsInactive(JsonObject resource) => resource.Member("active") is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.False;

    /// <summary>Ids of the resources of the type matching a filter (the first page, which is enough for an id filter).</summary>
    protected async Task<(IReadOnlyList<string> Ids, ScimResponse Response)> IdsMatchingAsync(JsonObject type, string filter)
    {
        var page = await ListAsync(type, FilterQuery(filter));
        return (page.Ids, page.Response);
    }

    protected static string IdFilter(string id) => $"id eq \"{id.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
}
