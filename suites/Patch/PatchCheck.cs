using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Errors;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Lifecycle;

namespace Scim.Conformance.Suites.Patch;

/// <summary>What the PATCH checks share (RFC 7644 §3.5.2): the gate on <c>patch.supported</c>, PatchOp bodies, and
/// the verdicts on a PATCH answer. Every check patches only resources it created, and judges a write by a fresh GET.</summary>
public abstract class PatchCheck : LifecycleCheck
{
    /// <summary>NotApplicable unless the ServiceProviderConfig advertises PATCH.</summary>
    protected Task RequirePatchAsync() => RequireCapabilityAsync("patch.supported");

    /// <summary>A PatchOp request body holding the operations (RFC 7644 §3.5.2).</summary>
    protected static JsonObject PatchBody(params JsonObject[] operations) => ScimMessages.PatchRequest(operations);

    /// <summary>One operation; a null path or value is left out of it.</summary>
    protected static JsonObject Op(string op, string? path, JsonNode? value = null) => ScimMessages.PatchOperation(op, path, value);

    protected static JsonObject Op(string op, string path, string value) => Op(op, path, JsonValue.Create(value));

    protected static JsonObject Op(string op, string path, bool value) => Op(op, path, JsonValue.Create(value));

    /// <summary>PATCH {endpoint}/{id}{query} with the operations.</summary>
    protected Task<ScimResponse> PatchAsync(JsonObject resourceType, JsonObject resource, params JsonObject[] operations) =>
        SendPatchAsync(resourceType, IdOf(resource), PatchBody(operations));

    protected Task<ScimResponse> SendPatchAsync(JsonObject resourceType, string id, JsonObject body, string query = "") =>
        Scim.PatchAsync(PathOf(resourceType, id) + query, body);

    /// <summary>A PATCH that should have succeeded: 200 (with the resource) or 204 (RFC 7644 §3.5.2).</summary>
    protected void ExpectApplied(ScimResponse response, string what) =>
        Expect.That(response.Status is 200 or 204, $"the PATCH that {what} was not accepted",
            "HTTP 200 with the resource, or 204", $"{response.Summary}{ErrorReplies.DetailHint(response)}");

    /// <summary>A PATCH that must be refused: 400 with a SCIM error body (RFC 7644 §3.12) whose scimType, when
    /// given, is one of <paramref name="scimTypes"/> (another keyword is a violation; none at all is Info, the member
    /// being optional).</summary>
    protected void ExpectRefused(ScimResponse response, string what, params string[] scimTypes)
    {
        var wanted = ScimJson.List(scimTypes.Select(t => $"\"{t}\""));
        Expect.That(response.Status == 400, $"the PATCH that {what} was not refused with 400",
            $"HTTP 400 with scimType {wanted}", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        var body = ErrorBodies.BodyOf(response);
        var shape = ErrorBodies.BodyProblem(response) ?? ErrorBodies.SchemaProblem(response, body!);
        Expect.That(shape is null, "the refusal is not a SCIM error (RFC 7644 §3.12)",
            $"a JSON body with schemas [\"{ScimUrns.Error}\"]", shape ?? "");
        var scimType = body!.Member("scimType");
        Expect.That(scimType is null || (scimType.IsString() && scimTypes.Contains(scimType.GetValue<string>())),
            $"{response.Summary} names another kind of error than {wanted}", $"`scimType` {wanted}", $"`scimType` is {ScimJson.Describe(scimType)}",
            ErrorReplies.KeywordLevel());
        Expect.That(scimType is not null, $"{response.Summary} gives no `scimType`; RFC 7644 §3.12 Table 9 defines {wanted} for this mistake (the member is optional)",
            $"`scimType` {wanted}", "no `scimType` in the 400 body", LevelOf("RFC7644-3.12-ERR-SCIMTYPE-OPTIONAL"));
    }

    /// <summary>An address under the run prefix, so nothing the check writes can collide with a tenant's data.</summary>
    protected string EmailAddress(string tail, string domain = "example.com") => $"{Target.Prefix.Name(tail).ToLowerInvariant()}@{domain}";

    protected static JsonObject Email(string value, string type, bool? primary = null)
    {
        var email = new JsonObject { ["value"] = value, ["type"] = type };
        if (primary is { } flag)
            email["primary"] = flag;
        return email;
    }

    protected static JsonArray MemberList(params string[] ids) => new([.. ids.Select(id => (JsonNode)new JsonObject { ["value"] = id })]);

    /// <summary>The member ids of a group as read.</summary>
    protected static List<string> MemberIds(JsonObject group) =>
        [.. (group.Member("members") as JsonArray ?? []).OfType<JsonObject>().Select(member => member.StringMember("value")).OfType<string>()];

    /// <summary>The values of a multi-valued complex attribute as read.</summary>
    protected static List<JsonObject> Values(JsonObject resource, string attribute) =>
        [.. (resource.Member(attribute) as JsonArray ?? []).OfType<JsonObject>()];

    /// <summary>The User resource type, after checking that PATCH is advertised.</summary>
    protected async Task<JsonObject> PatchableUserTypeAsync()
    {
        await RequirePatchAsync();
        return await UserTypeAsync();
    }

    protected async Task<JsonObject> PatchableGroupTypeAsync()
    {
        await RequirePatchAsync();
        return await GroupTypeAsync();
    }

    /// <summary>The first <paramref name="count"/> of <paramref name="candidates"/> that the User schema declares as
    /// writable single-valued strings, so a check changes attributes the server really stores; the first candidates
    /// when the schemas cannot be read (the RFC's own User schema declares them).</summary>
    protected async Task<IReadOnlyList<string>> SettableUserStringsAsync(int count, params string[] candidates)
    {
        var discovery = await DiscoveryAsync();
        if (discovery.SchemasOrNull is null || discovery.Schema(ScimUrns.User) is null)
            return candidates[..count];
        var settable = candidates.Where(name => discovery.Attribute(ScimUrns.User, name) is { } definition
            && definition.StringMember("type") is null or "string" or "reference"
            && definition.Member("multiValued")?.GetValueKind() is not System.Text.Json.JsonValueKind.True
            && definition.StringMember("mutability") is null or "readWrite").Take(count).ToList();
        return settable.Count == count ? settable
            : throw new NotApplicableException($"the User schema declares {(settable.Count == 0 ? "none" : $"only {string.Join(", ", settable)}")} of {string.Join(", ", candidates)} as a writable single-valued string; the check needs {count}");
    }
}
