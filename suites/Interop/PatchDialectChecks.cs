using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Patch;

namespace Scim.Conformance.Suites.Interop;

/// <summary>
/// PATCH requests as identity providers really send them (requirement catalog §17 items 6 and 7; docs/interop.md
/// names the source of each shape). None of the non-RFC shapes is required by RFC 7644, so under the strict profile a
/// refusal is recorded as Info (MAY); the interop profile grades them MUST, because a server that refuses them breaks
/// provisioning from that identity provider. Each check sends one dialect on its own, so a verdict names exactly one.
/// </summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class PatchDialectChecks : PatchCheck
{
    private const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Check("interop.patch.capitalised-op", "PATCH accepts the capitalised op values Entra ID sends",
        References = ["RFC7644 §3.5.2"], Rows = ["INTEROP-PATCH-CAPITALISED-OP"], Tags = ["interop", "patch", "entra"],
        Requirement = "Microsoft Entra ID sends op as \"Add\", \"Replace\" and \"Remove\" (capitalised, unless the tenant URL carries aadOptscim062020); a server that serves Entra accepts them as add, replace and remove.")]
    public async Task CapitalisedOp()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync();
        // Two settable strings the server's schema declares (nickName and displayName where it has them).
        var names = await SettableUserStringsAsync(2, "nickName", "displayName", "title", "profileUrl");
        var (added, replaced) = (names[0], names[1]);
        var (nick, display) = (Target.Prefix.Name("nick"), Target.Prefix.Name("display"));
        ExpectApplied(await PatchAsync(userType, user, Op("Add", added, nick), Op("Replace", replaced, display)), "uses op \"Add\" and \"Replace\"");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.StringMember(added) == nick && read.StringMember(replaced) == display, "\"Add\" and \"Replace\" were accepted but not applied",
            $"{added} \"{nick}\", {replaced} \"{display}\"", $"{added} {ScimJson.Describe(read.Member(added))}, {replaced} {ScimJson.Describe(read.Member(replaced))}");
        ExpectApplied(await PatchAsync(userType, user, Op("Remove", added)), "uses op \"Remove\"");
        var after = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(after.Member(added) is null, "\"Remove\" was accepted but not applied", $"no {added}", ScimJson.Describe(after.Member(added)));
    }

    [Check("interop.patch.string-booleans", "PATCH accepts \"True\" and \"False\" strings for boolean attributes",
        References = ["RFC7643 §2.3.2", "RFC7644 §3.5.2.3"], Rows = ["INTEROP-PATCH-STRING-BOOLEANS"], Tags = ["interop", "patch", "entra", "deactivation"],
        Requirement = "Microsoft Entra ID deactivates a user with value \"False\" (a JSON string) for active; a server that serves Entra reads it as the boolean false and stores active false.")]
    public async Task StringBooleans()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync(adjust: body => body["active"] = true);
        ExpectApplied(await PatchAsync(userType, user, Op("replace", "active", "False")), "sets active to the string \"False\"");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.Member("active") is JsonValue v && v.GetValueKind() == JsonValueKind.False, "active \"False\" did not deactivate the user",
            "active false (a JSON boolean)", ScimJson.Describe(read.Member("active")));
    }

    [Check("interop.patch.dotted-keys", "A path-less replace may name sub-attributes with dotted keys",
        References = ["RFC7644 §3.5.2.3", "RFC7644 §3.10"], Rows = ["INTEROP-PATCH-DOTTED-KEYS"], Tags = ["interop", "patch", "entra"],
        Requirement = "Microsoft Entra ID sends a replace without a path whose value has keys such as \"name.givenName\"; a server that serves Entra treats each key as an attribute path and sets those sub-attributes.")]
    public async Task DottedKeys()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync();
        var (given, family) = (Target.Prefix.Name("Barbara"), Target.Prefix.Name("Jensen"));
        ExpectApplied(await PatchAsync(userType, user, Op("replace", null, new JsonObject { ["name.givenName"] = given, ["name.familyName"] = family })),
            "replaces {\"name.givenName\", \"name.familyName\"} without a path");
        var name = (await ReadOrSkipAsync(userType, IdOf(user))).Member("name") as JsonObject;
        Expect.That(name?.StringMember("givenName") == given && name.StringMember("familyName") == family, "dotted keys in a path-less value did not reach name",
            $"name.givenName \"{given}\", name.familyName \"{family}\"", $"name {ScimJson.Describe(name)}");
    }

    [Check("interop.patch.urn-keys", "A path-less replace may name extension attributes with URN-qualified keys",
        References = ["RFC7644 §3.5.2.3", "RFC7644 §3.10"], Rows = ["INTEROP-PATCH-URN-KEYS"], Tags = ["interop", "patch", "entra", "extensions"],
        Requirement = "Microsoft Entra ID sends a replace without a path whose value has keys such as \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\"; a server that serves Entra sets that extension attribute.")]
    public async Task UrnKeys()
    {
        var userType = await PatchableUserTypeAsync();
        if (!(userType.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>().Any(e => e.StringMember("schema") == EnterpriseUser))
            throw new NotApplicableException($"the User resource type does not list the extension {EnterpriseUser}");
        var user = await CreateUserAsync();
        var department = Target.Prefix.Name("Tour Operations");
        ExpectApplied(await PatchAsync(userType, user, Op("replace", null, new JsonObject { [$"{EnterpriseUser}:department"] = department })),
            "replaces a URN-qualified key without a path");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That((read.Member(EnterpriseUser) as JsonObject)?.StringMember("department") == department, "a URN-qualified key in a path-less value did not reach the extension",
            $"{EnterpriseUser} with department \"{department}\"", ScimJson.Describe(read.Member(EnterpriseUser)));
    }

    [Check("interop.patch.member-remove-by-value", "A member is removed by a remove whose value lists it",
        References = ["RFC7644 §3.5.2.2"], Rows = ["INTEROP-PATCH-MEMBER-REMOVE-BY-VALUE"], Tags = ["interop", "patch", "entra", "groups"],
        Requirement = "Microsoft Entra ID removes a group member with {\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":id}]}; a server that serves Entra removes exactly the listed member (the RFC's literal reading, removing every member, breaks the group).")]
    public async Task MemberRemoveByValue()
    {
        var groupType = await PatchableGroupTypeAsync();
        var (a, b) = (await CreateUserAsync(), await CreateUserAsync());
        var group = await CreateGroupAsync(IdOf(a), IdOf(b));
        ExpectApplied(await PatchAsync(groupType, group, Op("remove", "members", MemberList(IdOf(a)))), "removes the member listed in value");
        var members = MemberIds(await ReadOrSkipAsync(groupType, IdOf(group)));
        Expect.That(members.SequenceEqual([IdOf(b)]), "remove of members with a value did not remove exactly the listed member",
            $"members [{IdOf(b)}]", $"members {ScimJson.List(members)}");
    }

    [Check("interop.patch.member-remove-by-filter", "A member is removed by a members[value eq …] path",
        References = ["RFC7644 §3.5.2.2"], Rows = ["INTEROP-PATCH-MEMBER-REMOVE-BY-FILTER", "RFC7644-3.5.2.2-REMOVE-FILTER"], Tags = ["interop", "patch", "okta", "groups"],
        Requirement = "Okta removes a group member with {\"op\":\"remove\",\"path\":\"members[value eq \\\"id\\\"]\"}; a server that serves Okta removes exactly that member and keeps the others.")]
    public async Task MemberRemoveByFilter()
    {
        var groupType = await PatchableGroupTypeAsync();
        var (a, b) = (await CreateUserAsync(), await CreateUserAsync());
        var group = await CreateGroupAsync(IdOf(a), IdOf(b));
        ExpectApplied(await PatchAsync(groupType, group, Op("remove", $"members[value eq \"{IdOf(b)}\"]")), "removes a member by filter");
        var members = MemberIds(await ReadOrSkipAsync(groupType, IdOf(group)));
        Expect.That(members.SequenceEqual([IdOf(a)]), "remove by members[value eq …] did not remove exactly that member",
            $"members [{IdOf(a)}]", $"members {ScimJson.List(members)}");
    }

    [Check("interop.patch.path-less-active", "A path-less replace {\"active\": false} deactivates the user",
        References = ["RFC7644 §3.5.2.3", "RFC7643 §4.1.1"], Rows = ["INTEROP-PATCH-PATH-LESS-ACTIVE", "RFC7644-3.5.2.3-REPLACE-NO-PATH"], Tags = ["interop", "patch", "okta", "deactivation"],
        Requirement = "Okta deactivates a user with {\"op\":\"replace\",\"value\":{\"active\":false}}; a server that serves Okta stores active false, and the user stays retrievable.")]
    public async Task PathLessActive()
    {
        var userType = await PatchableUserTypeAsync();
        var user = await CreateUserAsync(adjust: body => body["active"] = true);
        ExpectApplied(await PatchAsync(userType, user, Op("replace", null, new JsonObject { ["active"] = false })), "replaces {\"active\": false} without a path");
        var read = await ReadOrSkipAsync(userType, IdOf(user));
        Expect.That(read.Member("active") is JsonValue v && v.GetValueKind() == JsonValueKind.False, "a path-less {\"active\": false} did not deactivate the user",
            "active false, the user still retrievable", ScimJson.Describe(read.Member("active")));
    }
}
