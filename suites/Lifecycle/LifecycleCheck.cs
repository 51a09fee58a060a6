using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.PerType;

namespace Scim.Conformance.Suites.Lifecycle;

/// <summary>What the lifecycle checks share: the User and Group resource types, and creating the resources a check
/// works on (each check its own, under the run prefix, cleaned up by the ledger).</summary>
public abstract class LifecycleCheck : ScimCheck
{
    protected Task<JsonObject> UserTypeAsync() => ResourceTypeAsync(ScimUrns.User);

    protected Task<JsonObject> GroupTypeAsync() => ResourceTypeAsync(ScimUrns.Group);

    /// <summary>Creates a user (every writable attribute when <paramref name="rich"/>), after letting the check adjust the body.</summary>
    protected async Task<JsonObject> CreateUserAsync(bool rich = false, Action<JsonObject>? adjust = null)
    {
        var userType = await UserTypeAsync();
        var body = rich ? await Resources.RichAsync(userType) : await Resources.MinimalAsync(userType);
        adjust?.Invoke(body);
        return await Resources.CreateOrSkipAsync(userType, body);
    }

    /// <summary>Creates a group with the given members (resource ids of the check's own users or groups).</summary>
    protected async Task<JsonObject> CreateGroupAsync(params string[] memberIds)
    {
        var groupType = await GroupTypeAsync();
        var body = await Resources.MinimalAsync(groupType);
        if (!body.HasMember("displayName"))
            body["displayName"] = Target.Prefix.Name("group");
        if (memberIds.Length > 0)
            body["members"] = new JsonArray(memberIds.Select(id => (JsonNode)new JsonObject { ["value"] = id }).ToArray());
        return await Resources.CreateOrSkipAsync(groupType, body);
    }

    /// <summary>A fresh GET that must succeed for the check to go on; otherwise the check is Skipped naming why.</summary>
    protected async Task<JsonObject> ReadOrSkipAsync(JsonObject resourceType, string id, string query = "")
    {
        var response = await ReadAsync(resourceType, id, query);
        if (response.Status != 200 || response.JsonObject is not { } body)
            throw new PrerequisiteException($"the resource just written could not be read back: {response.Summary} (see lifecycle.read.by-id)");
        return body;
    }

    /// <summary>An id no resource has: prefixed, so it cannot collide with a tenant's data.</summary>
    protected string MissingId() => Target.Prefix.Name("missing") + "-" + Guid.NewGuid().ToString("N");

    /// <summary>The value with every ASCII letter upper-cased: a case variant that any case-insensitive comparison,
    /// however simple, must treat as equal (non-ASCII case folding is left out on purpose).</summary>
    protected static string AsciiCaseVariant(string value) =>
        new(value.Select(c => char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c) : char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : c).ToArray());

    /// <summary>Top-level string attributes of a resource type's core schema declared unique (server or global).</summary>
    protected async Task<IReadOnlyList<JsonObject>> UniqueAttributesAsync(JsonObject resourceType)
    {
        var schema = (await DiscoveryAsync()).Schema(resourceType.StringMember("schema") ?? "");
        return (schema?.Member("attributes") as JsonArray ?? []).OfType<JsonObject>()
            .Where(a => a.StringMember("uniqueness") is "server" or "global" && a.StringMember("type") == "string"
                && !a.Member("multiValued").IsTrue() && a.StringMember("mutability") is not "readOnly")
            .ToList();
    }

    /// <summary>A value of a readOnly attribute's shape for a write that must not take it: a User's groups name a
    /// real group of the check's own (so the only thing wrong is the mutability), anything else a value built from
    /// its definition.</summary>
    protected async Task<JsonNode> ReadOnlySampleAsync(ResourceTypeUnderTest type, TypedAttribute attribute)
    {
        if (attribute.InCore && attribute.Name == "groups" && type.ResourceType.StringMember("schema") == ScimUrns.User
            && (await DiscoveryAsync()).ResourceTypeBySchema(ScimUrns.Group) is not null)
            return new JsonArray(new JsonObject { ["value"] = IdOf(await CreateGroupAsync()) });
        return SampleValues.For(attribute.Definition, Target.Prefix);
    }
}
