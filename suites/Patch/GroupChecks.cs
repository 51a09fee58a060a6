using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Patch;

/// <summary>PATCH on groups: their attributes, and a large membership change in one request.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class GroupChecks : PatchCheck
{
    private const int LargeGroup = 1000;
    private const int CreatedAtOnce = 8;

    [Check("patch.group.display-name", "A group's displayName can be replaced by PATCH",
        References = ["RFC7644 §3.5.2.3", "RFC7643 §4.2"], Rows = ["RFC7644-3.5.2-PATCH-GROUP-DISPLAYNAME"], Tags = ["patch", "replace", "groups"],
        Requirement = "Group attributes are replaceable: replace displayName renames the group, as a fresh read shows.")]
    public async Task DisplayName()
    {
        var groupType = await PatchableGroupTypeAsync();
        var group = await CreateGroupAsync();
        var renamed = Target.Prefix.Name("Renamed");
        ExpectApplied(await PatchAsync(groupType, group, Op("replace", "displayName", renamed)), "renames the group");
        var read = await ReadOrSkipAsync(groupType, IdOf(group));
        Expect.That(read.StringMember("displayName") == renamed, "replace did not rename the group", $"displayName \"{renamed}\"", ScimJson.Describe(read.Member("displayName")));
    }

    [Check("patch.group.large-membership", "1,000 members are added to a group in one PATCH",
        References = ["RFC7644 §3.5.2.1", "RFC7643 §4.2"], Rows = ["RFC7644-3.5.2.1-ADD-MEMBER", "RFC7644-3.5.2.1-ADD-MV-APPEND"], Tags = ["patch", "add", "groups", "heavy"],
        Requirement = "An add to members appends every value sent, however many: adding 1,000 users in one PATCH leaves the group with all 1,000, as a fresh read shows.")]
    public async Task LargeMembership()
    {
        var groupType = await PatchableGroupTypeAsync();
        var userType = await UserTypeAsync();
        var users = new System.Collections.Concurrent.ConcurrentBag<string>();
        // The users refer to nothing, so they are cleaned up side by side too (after the group, which was created later).
        using (Ledger.Independent())
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, LargeGroup), new ParallelOptions { MaxDegreeOfParallelism = CreatedAtOnce }, async (_, _) =>
                users.Add(IdOf(await Resources.CreateOrSkipAsync(userType, await Resources.MinimalAsync(userType)))));
        }
        var group = await CreateGroupAsync();
        ExpectApplied(await PatchAsync(groupType, group, Op("add", "members", MemberList([.. users]))), $"adds {LargeGroup} members");
        var read = await ReadAsync(groupType, IdOf(group));
        var body = read.JsonObject ?? throw new PrerequisiteException($"the group could not be read back: {read.Summary}");
        var members = MemberIds(body).ToHashSet(StringComparer.Ordinal);
        var missing = users.Count(id => !members.Contains(id));
        Expect.That(missing == 0, $"after adding {LargeGroup} members in one PATCH, {missing} of them are not members",
            $"all {LargeGroup} users listed in members", $"{members.Count} members, {missing} of the users missing");
    }
}
