using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Errors;

/// <summary>Small pieces the error, media-type and authentication checks share: which advertised resource type to
/// probe, and a PATCH that changes nothing.</summary>
internal static class ProbeRequests
{
    /// <summary>The User resource type when the server has one, or else the first it lists: what these checks probe
    /// does not depend on the type.</summary>
    public static JsonObject ProbeType(DiscoverySnapshot discovery) =>
        discovery.ResourceTypeBySchema(ScimUrns.User)
        ?? discovery.ResourceTypes.FirstOrDefault()
        ?? throw new NotApplicableException("/ResourceTypes lists no resource type");

    /// <summary>The type's endpoint as a path relative to the base URL (<c>Users</c>).</summary>
    public static string EndpointPath(JsonObject resourceType) => ResourceFactory.EndpointOf(resourceType).TrimStart('/');

    /// <summary>A PATCH that replaces the first simple attribute of <paramref name="body"/> (the body the resource
    /// was created with) by the value it already has; a body without one gets a replace of nothing.</summary>
    public static JsonObject NoOpPatch(JsonObject body)
    {
        var (name, value) = body.FirstOrDefault(m => !string.Equals(m.Key, "schemas", StringComparison.OrdinalIgnoreCase) && m.Value is JsonValue);
        var operation = name is null
            ? new JsonObject { ["op"] = "replace", ["value"] = new JsonObject() }
            : new JsonObject { ["op"] = "replace", ["path"] = name, ["value"] = value?.DeepClone() };
        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimUrns.PatchOp),
            ["Operations"] = new JsonArray(operation),
        };
    }
}
