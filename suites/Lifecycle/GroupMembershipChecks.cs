using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Lifecycle;

/// <summary>RFC 7643 §4.2 and §4.1.2: Group members, and the User `groups` the server derives from them.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class GroupMembershipChecks : LifecycleCheck
{
    [Check("lifecycle.group.members", "Group members carry the member's id, its URI and its type",
        References = ["RFC7643 §4.2", "RFC7643 §2.3.7"], Rows = ["RFC7643-4.2-MEMBERS-VALUE", "RFC7643-4.2-MEMBERS-REF", "RFC7643-4.2-MEMBERS-TYPE", "RFC7643-2.3.7-REF-RESOLVES"], Tags = ["groups", "references"],
        Requirement = "A member's `value` is the id of the member resource; its `$ref`, when present, is the member's URI (a GET of it returns the member); its `type`, when present, is \"User\" or \"Group\".")]
    public async Task Members()
    {
        var user = await CreateUserAsync();
        var group = await CreateGroupAsync(IdOf(user));
        var members = ((await ReadOrSkipAsync(await GroupTypeAsync(), IdOf(group))).Member("members") as JsonArray ?? []).OfType<JsonObject>().ToList();
        var member = members.FirstOrDefault(m => m.StringMember("value") == IdOf(user));
        Expect.That(member is not null, "the group does not list the user it was created with",
            $"a member with value {IdOf(user)}", $"members {ScimJson.Describe(new JsonArray(members.Select(m => (JsonNode)m.DeepClone()).ToArray()))}");
        var problems = new List<string>();
        if (member!.Member("type") is { } type && type.ToString() != "User")
            problems.Add($"type is {ScimJson.Describe(type)}");
        if (member.StringMember("$ref") is { } reference)
        {
            var url = Target.Resolve(reference);
            if (!Target.IsUnderBaseUrl(url))
                problems.Add($"$ref {reference} is not under the base URL");
            else
            {
                var read = await Scim.GetAsync(reference);
                if (read.Status != 200 || read.JsonObject?.StringMember("id") != IdOf(user))
                    problems.Add($"GET of $ref {reference} → {read.Status}, id {ScimJson.Describe(read.JsonObject?.Member("id"))}");
            }
        }
        Expect.NoProblems(problems, "a group member's sub-attributes do not describe the member", "type \"User\" and a $ref that resolves to the user");
    }

    [Check("lifecycle.group.members-returned", "members is returned by default",
        References = ["RFC7643 §4.2", "RFC7643 §8.7.1", "RFC7644 §3.4"], Rows = ["RFC7643-4.2-MEMBERS-RETURNED"], Tags = ["groups", "returned"],
        Requirement = "Group `members` is returned by default (returned \"default\" in RFC 7643's schema) unless the server's own /Schemas declares it `returned: request`.")]
    public async Task MembersReturned()
    {
        var groupSchema = (await DiscoveryAsync()).Schema(ScimUrns.Group);
        var declared = (groupSchema?.Member("attributes") as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a => a.StringMember("name") == "members");
        if (declared?.StringMember("returned") is "request" or "never")
            throw new NotApplicableException($"the Group schema declares members returned \"{declared.StringMember("returned")}\"");
        var user = await CreateUserAsync();
        var group = await CreateGroupAsync(IdOf(user));
        var read = await ReadOrSkipAsync(await GroupTypeAsync(), IdOf(group));
        Expect.That(read.Member("members") is JsonArray { Count: > 0 }, "a group with a member is returned without `members`",
            "members present on a default GET", ScimJson.Describe(read.Member("members")));
    }

    [Check("lifecycle.group.unknown-member", "A member that is no resource is refused or accepted, never a server error",
        References = ["RFC7643 §4.2", "RFC7643 §2.3.7", "RFC7644 §3.12"], Rows = ["RFC7644-3.12-500-NOT-FOR-CLIENT-ERRORS", "RFC7643-4.2-MEMBERS-REFERENTIAL"], Tags = ["groups", "references", "server-errors"],
        Requirement = "Referential integrity is the server's choice: a member whose value is no resource is refused with 400 or accepted; a client mistake never earns a 5xx.")]
    public async Task UnknownMember()
    {
        var groupType = await GroupTypeAsync();
        var body = await Resources.MinimalAsync(groupType);
        body["members"] = new JsonArray(new JsonObject { ["value"] = MissingId() });
        var response = await Resources.CreateAsync(groupType, body);
        Expect.That(response.Status < 500, "a group with an unknown member caused a server error", "HTTP 201 or 400", response.Summary);
    }

    [Check("lifecycle.group.nested", "Groups may contain groups",
        References = ["RFC7643 §4.2"], Rows = ["RFC7643-4.2-NESTED"], Tags = ["groups"],
        Requirement = "Service providers MAY support groups as members of groups: a group created with another group as member keeps it, with type \"Group\" (Info when nesting is not supported).")]
    public async Task Nested()
    {
        var inner = await CreateGroupAsync();
        var groupType = await GroupTypeAsync();
        var body = await Resources.MinimalAsync(groupType);
        body["members"] = new JsonArray(new JsonObject { ["value"] = IdOf(inner), ["type"] = "Group" });
        var response = await Resources.CreateAsync(groupType, body);
        Expect.That(response.Status == 201, "the server does not accept a group as a member of a group", "HTTP 201", response.Summary);
        var outer = await ReadOrSkipAsync(groupType, response.JsonObject!.StringMember("id")!);
        var member = (outer.Member("members") as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(m => m.StringMember("value") == IdOf(inner));
        Expect.That(member is not null && (member.StringMember("type") ?? "Group") == "Group",
            "the nested group is not kept as a Group member", $"a member {IdOf(inner)} of type \"Group\"", ScimJson.Describe(member));
    }

    [Check("lifecycle.user.groups-reflect-membership", "A user's groups attribute reflects its memberships",
        References = ["RFC7643 §4.1.2"], Rows = ["RFC7643-4.1.2-GROUPS-REFLECT", "RFC7643-4.1.2-GROUPS-REFLECT-B", "RFC7643-4.2-MEMBERS-VALUE"], Tags = ["groups", "references"],
        Requirement = "When the User schema declares `groups`, a user added to a group lists it: `groups[].value` is the group's id and `$ref`, when present, resolves to the group.")]
    public async Task GroupsReflectMembership()
    {
        var userSchema = (await DiscoveryAsync()).Schema(ScimUrns.User);
        if ((userSchema?.Member("attributes") as JsonArray ?? []).OfType<JsonObject>().All(a => a.StringMember("name") != "groups"))
            throw new NotApplicableException("the User schema does not declare `groups`");
        var user = await CreateUserAsync();
        var group = await CreateGroupAsync(IdOf(user));
        var read = await ReadOrSkipAsync(await UserTypeAsync(), IdOf(user));
        var entry = (read.Member("groups") as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(g => g.StringMember("value") == IdOf(group));
        Expect.That(entry is not null, "a user added to a group does not list it in `groups`",
            $"groups containing value {IdOf(group)}", $"groups {ScimJson.Describe(read.Member("groups"))}");
        if (entry!.StringMember("$ref") is { } reference && Target.IsUnderBaseUrl(Target.Resolve(reference)))
        {
            var resolved = await Scim.GetAsync(reference);
            Expect.That(resolved.Status == 200 && resolved.JsonObject?.StringMember("id") == IdOf(group),
                "the user's groups[].$ref does not resolve to the group", $"GET {reference} → the group", resolved.Summary,
                LevelOf("RFC7643-4.1.2-GROUPS-REFLECT-B"));
        }
    }
}
