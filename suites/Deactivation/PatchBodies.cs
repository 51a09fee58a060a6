using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Deactivation;

/// <summary>The PATCH requests that deactivate: the RFC 7644 §3.5.2.3 forms, and the forms identity providers send.</summary>
public static class PatchBodies
{
    /// <summary><c>{"op":"replace","path":"active","value":…}</c>: the form RFC 7644 §3.5.2.3 shows.</summary>
    public static JsonObject ReplaceActive(JsonNode value) =>
        ScimMessages.PatchRequest(ScimMessages.PatchOperation("replace", "active", value));

    /// <summary><c>{"op":"replace","value":{"active":…}}</c>: no path, the value names the attribute (RFC 7644 §3.5.2.3).</summary>
    public static JsonObject ReplaceWithoutPath(JsonNode value) =>
        ScimMessages.PatchRequest(ScimMessages.PatchOperation("replace", null, new JsonObject { ["active"] = value }));
}
