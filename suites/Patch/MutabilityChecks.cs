using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.PerType;

namespace Scim.Conformance.Suites.Patch;

/// <summary>RFC 7644 §3.5.2 and RFC 7643 §2.2: a PATCH respects each attribute's mutability.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class MutabilityChecks : PatchCheck
{
    [Check("patch.mutability.read-only", "PATCH of a readOnly attribute is refused with mutability",
        References = ["RFC7644 §3.5.2", "RFC7643 §2.2"], Rows = ["RFC7644-3.5.2-PATCH-READONLY"], Tags = ["patch", "mutability"],
        TypeNeeds = [TypeNeed.PatchSupported],
        Requirement = "Operations must be compatible with the attribute's mutability: replacing id or meta.created, or adding to an attribute the type's schema declares readOnly (a User's groups, an Agent's groups and applications, an AgenticApplication's lastAccessed), is refused with 400 mutability, and the id stays. Judged on every advertised resource type.")]
    public Task ReadOnly() => ForEachResourceTypeAsync(async type =>
    {
        var resource = await Resources.CreateOrSkipAsync(type.ResourceType, await Resources.MinimalAsync(type.ResourceType));
        ExpectRefused(await PatchAsync(type.ResourceType, resource, Op("replace", "id", Target.Prefix.Name("other-id"))), $"replaces the id of a {type.Name}", "mutability");
        ExpectRefused(await PatchAsync(type.ResourceType, resource, Op("replace", "meta.created", "2001-01-01T00:00:00Z")), $"replaces meta.created of a {type.Name}", "mutability");
        foreach (var attribute in type.With(TypeNeed.ReadOnlyAttribute))
        {
            var value = await ReadOnlyValueAsync(type, attribute);
            ExpectRefused(await PatchAsync(type.ResourceType, resource, Op("add", attribute.Path, value)), $"adds to the readOnly {type.Name}.{attribute.Path}", "mutability");
        }
        var read = await ReadAsync(type.ResourceType, IdOf(resource));
        Expect.That(read.Status == 200, $"after PATCH requests on its id, the {type.Name} is no longer found at it", $"GET {IdOf(resource)} → 200", read.Summary);
    });

    /// <summary>A value of the attribute's shape for a PATCH that must be refused: a User's groups get a real group
    /// (so the only thing wrong is the mutability), anything else a value built from its definition.</summary>
    private async Task<JsonNode> ReadOnlyValueAsync(ResourceTypeUnderTest type, TypedAttribute attribute)
    {
        if (attribute.InCore && attribute.Name == "groups" && (await DiscoveryAsync()).ResourceTypeBySchema(ScimUrns.Group) is not null)
            return MemberList(IdOf(await CreateGroupAsync()));
        return SampleValues.For(attribute.Definition, Target.Prefix);
    }

    [Check("patch.mutability.immutable", "An immutable value cannot be changed once set",
        References = ["RFC7644 §3.5.2", "RFC7643 §2.2", "RFC7643 §4.2"], Rows = ["RFC7643-4.2-MEMBERS-IMMUTABLE", "RFC7644-3.5.2-PATCH-IMMUTABLE-ADD", "RFC7644-3.5.2-PATCH-READONLY"], Tags = ["patch", "mutability", "groups"],
        Requirement = "An immutable attribute is set when its value is added and SHALL NOT be updated afterwards: a group member's value (immutable in the Group schema) can be added, but replacing members[value eq A].value with B is refused with 400 mutability and A stays.")]
    public async Task Immutable()
    {
        var groupType = await PatchableGroupTypeAsync();
        var groupSchema = (await DiscoveryAsync()).Schema(ScimUrns.Group);
        var members = (groupSchema?.Member("attributes") as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a => a.StringMember("name") == "members");
        var value = (members?.Member("subAttributes") as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a => a.StringMember("name") == "value");
        if (value?.StringMember("mutability") != "immutable")
            throw new NotApplicableException($"the Group schema does not declare members.value immutable (it says {ScimJson.Describe(value?.Member("mutability"))})");
        var (a, b) = (await CreateUserAsync(), await CreateUserAsync());
        var group = await CreateGroupAsync();
        ExpectApplied(await PatchAsync(groupType, group, Op("add", "members", MemberList(IdOf(a)))), "adds a member (the immutable value is set)");
        var response = await PatchAsync(groupType, group, Op("replace", $"members[value eq \"{IdOf(a)}\"].value", IdOf(b)));
        ExpectRefused(response, "changes the immutable members.value", "mutability");
        var after = MemberIds(await ReadOrSkipAsync(groupType, IdOf(group)));
        Expect.That(after.SequenceEqual([IdOf(a)]), "a refused change of an immutable value changed it anyway", $"members [{IdOf(a)}]", $"members {ScimJson.List(after)}");
    }

    [Check("patch.remove.required", "Removing a required or readOnly attribute is refused with mutability",
        References = ["RFC7644 §3.5.2.2", "RFC7644 §3.12"], Rows = ["RFC7644-3.5.2.2-REMOVE-REQUIRED"], Tags = ["patch", "mutability", "remove"],
        Requirement = "If the target of a remove is required or readOnly, the server returns 400 mutability: remove userName and remove id are refused, and userName stays.")]
    public async Task RemoveRequired()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync();
        ExpectRefused(await PatchAsync(userType, user, Op("remove", "userName")), "removes the required userName", "mutability");
        ExpectRefused(await PatchAsync(userType, user, Op("remove", "id")), "removes the readOnly id", "mutability");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember("userName") == user.StringMember("userName"), "a refused removal of userName removed it anyway",
            $"userName {user.StringMember("userName")}", ScimJson.Describe(read.Member("userName")));
    }
}
