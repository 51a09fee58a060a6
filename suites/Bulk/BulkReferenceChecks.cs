using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Bulk;

/// <summary>RFC 7644 §3.7.1 and §3.7.2: "bulkId:" references to resources created in the same request are replaced
/// with their real ids — in core attributes and in extensions, whatever the order of the operations — and circular
/// references never make the server fail.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class BulkReferenceChecks : BulkCheck
{
    [Check("bulk.bulkid.reference", "A bulkId reference becomes the created resource's id",
        References = ["RFC7644 §3.7.2"], Rows = ["RFC7644-3.7.2-BULK-BULKID-REF"], Tags = ["bulk", "bulkid", "groups"],
        Requirement = "In [POST a user with bulkId a, POST a group whose member value is \"bulkId:a\"], the server replaces the reference: the group's member is the new user's real id.")]
    public async Task Reference()
    {
        await RequireBulkAsync();
        var userId = NewBulkId();
        var groupId = NewBulkId();
        var results = ResultsOf(await SendAsync(Request([
            Operation("POST", await UsersPathAsync(), userId, await UserBodyAsync()),
            Operation("POST", await GroupsPathAsync(), groupId, await GroupBodyAsync("bulkId:" + userId)),
        ])));
        await ExpectMemberAsync(results, userId, 0, groupId, 1);
    }

    [Check("bulk.bulkid.extension-reference", "A bulkId reference inside an extension is replaced too",
        References = ["RFC7644 §3.7.2", "RFC7643 §4.3"], Rows = ["RFC7644-3.7.2-BULK-EXT-REF"], Tags = ["bulk", "bulkid", "extensions"],
        Requirement = "References are replaced wherever they are, extensions included: in [POST user a, POST user b whose enterprise manager.value is \"bulkId:a\"], b's manager.value becomes a's real id.")]
    public async Task ExtensionReference()
    {
        await RequireBulkAsync();
        var discovery = await DiscoveryAsync();
        var userType = await UserTypeAsync();
        var extended = (userType.Member("schemaExtensions") as JsonArray ?? []).OfType<JsonObject>()
            .Any(e => string.Equals(e.StringMember("schema"), ScimUrns.EnterpriseUser, StringComparison.OrdinalIgnoreCase));
        if (!extended || discovery.Attribute(ScimUrns.EnterpriseUser, "manager.value") is null)
            throw new NotApplicableException("the User resource type has no Enterprise User extension with manager.value");
        var managerId = NewBulkId();
        var reportId = NewBulkId();
        var report = await UserBodyAsync();
        report[ScimUrns.EnterpriseUser] = new JsonObject { ["manager"] = new JsonObject { ["value"] = "bulkId:" + managerId } };
        if (report["schemas"] is JsonArray schemas)
            schemas.Add(ScimUrns.EnterpriseUser);
        var results = ResultsOf(await SendAsync(Request([
            Operation("POST", await UsersPathAsync(), managerId, await UserBodyAsync()),
            Operation("POST", await UsersPathAsync(), reportId, report),
        ])));
        var manager = ResultFor(results, managerId, 0);
        var reportResult = ResultFor(results, reportId, 1);
        var expected = IdFromLocation(manager?.StringMember("location"));
        if (manager is null || StatusOf(manager) != 201 || expected is null)
            throw new PrerequisiteException($"the manager could not be created in bulk: {(manager is null ? "no result" : Describe(manager))} (see bulk.response.operation-status)");
        Expect.That(reportResult is not null && StatusOf(reportResult) == 201, "the user referring to its manager by bulkId was not created",
            "a 201 result", reportResult is null ? "no result" : Describe(reportResult));
        var read = await ReadLocationAsync(reportResult);
        var actual = ((read?.Member(ScimUrns.EnterpriseUser) as JsonObject)?.Member("manager") as JsonObject)?.StringMember("value");
        Expect.That(actual == expected, "the bulkId reference in the enterprise extension was not replaced",
            $"manager.value {expected}", $"manager.value {actual ?? "absent"}");
    }

    [Check("bulk.bulkid.forward-reference", "A reference to a POST later in the request is resolved",
        References = ["RFC7644 §3.7", "RFC7644 §3.7.2"], Rows = ["RFC7644-3.7-BULK-ORDER-INTENT"], Tags = ["bulk", "bulkid", "groups"],
        Requirement = "Whatever order the server processes operations in, the outcome must be as intended: in [POST a group whose member is \"bulkId:a\", POST user a], the group still ends up with the new user as its member; the member is not silently dropped.")]
    public async Task ForwardReference()
    {
        await RequireBulkAsync();
        var userId = NewBulkId();
        var groupId = NewBulkId();
        var results = ResultsOf(await SendAsync(Request([
            Operation("POST", await GroupsPathAsync(), groupId, await GroupBodyAsync("bulkId:" + userId)),
            Operation("POST", await UsersPathAsync(), userId, await UserBodyAsync()),
        ])));
        await ExpectMemberAsync(results, userId, 1, groupId, 0);
    }

    [Check("bulk.bulkid.circular", "Circular bulkId references never make the server fail",
        References = ["RFC7644 §3.7.1"], Rows = ["RFC7644-3.7.1-BULK-CIRCULAR", "RFC7644-3.7.1-BULK-CIRCULAR-B"], Tags = ["bulk", "bulkid", "groups", "server-errors"],
        Requirement = "The server tries to resolve circular references (two groups naming each other as members by bulkId) and may give up with 409 for those operations; either way the request is processed — never a 5xx — and a group reported created has the other as its member.")]
    public async Task Circular()
    {
        await RequireBulkAsync();
        var first = NewBulkId();
        var second = NewBulkId();
        var response = await SendAsync(Request([
            Operation("POST", await GroupsPathAsync(), first, await GroupBodyAsync("bulkId:" + second)),
            Operation("POST", await GroupsPathAsync(), second, await GroupBodyAsync("bulkId:" + first)),
        ]));
        Expect.That(response.Status < 500, "circular bulkId references made the server fail", "HTTP 200 with results (201 or 409 each)",
            $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        var results = ResultsOf(response);
        var problems = new List<string>();
        foreach (var (own, other, index) in new[] { (first, second, 0), (second, first, 1) })
        {
            var result = ResultFor(results, own, index);
            if (result is null)
                problems.Add($"no result for bulkId {own}");
            else if (StatusOf(result) is >= 500 or null)
                problems.Add($"bulkId {own}: {Describe(result)}");
            else if (StatusOf(result) == 201)
            {
                var otherId = IdFromLocation(ResultFor(results, other, 1 - index)?.StringMember("location"));
                var group = await ReadLocationAsync(result);
                if (group is null || otherId is null || !MemberValues(group).Contains(otherId))
                    problems.Add($"bulkId {own} was created without the other group ({otherId ?? "not created"}) as its member");
            }
        }
        Expect.NoProblems(problems, "circular references were neither resolved nor refused cleanly", "both groups created naming each other, or 409 results; never a 5xx");
    }

    /// <summary>The group created by <paramref name="groupBulkId"/> has the user created by <paramref name="userBulkId"/> as its member.</summary>
    private async Task ExpectMemberAsync(IReadOnlyList<JsonObject> results, string userBulkId, int userIndex, string groupBulkId, int groupIndex)
    {
        var user = ResultFor(results, userBulkId, userIndex);
        var group = ResultFor(results, groupBulkId, groupIndex);
        var userId = IdFromLocation(user?.StringMember("location"));
        if (user is null || StatusOf(user) != 201 || userId is null)
            throw new PrerequisiteException($"the user could not be created in bulk: {(user is null ? "no result" : Describe(user))} (see bulk.response.operation-status)");
        Expect.That(group is not null && StatusOf(group) == 201, "the group referring to the user by bulkId was not created",
            "a 201 result for the group", group is null ? "no result" : Describe(group));
        var read = await ReadLocationAsync(group);
        var members = read is null ? [] : MemberValues(read).ToList();
        Expect.That(members.Contains(userId), "the group's member is not the user created in the same request",
            $"members [{userId}]", read is null ? "the group cannot be read at its location" : $"members {ScimJson.List(members)}");
    }
}
