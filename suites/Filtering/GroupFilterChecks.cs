using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Filtering;

/// <summary>RFC 7644 §3.4.2.2: filtering applies to every resource type, Groups included. The check creates two
/// users and two groups, and confines its group queries with <c>displayName sw "{cohort prefix}-"</c>.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class GroupFilterChecks : FilterCheck
{
    [Check("filter.groups", "Groups can be filtered by displayName and by member",
        References = ["RFC7644 §3.4.2.2", "RFC7643 §4.2"], Rows = ["RFC7644-3.4.2.2-GROUP-FILTERS"], Tags = ["filter", "groups"],
        Requirement = "GET /Groups honours `filter` as /Users does: `displayName eq` a group's name finds that group only, and `members.value eq` a user's id finds exactly the groups that user belongs to.")]
    public async Task Groups()
    {
        var userType = await UserTypeAsync();
        var groupType = await ResourceTypeAsync(ScimUrns.Group);
        await RequireAttributesAsync(groupType, "displayName", "members.value");
        var cohort = await Resources.CreateUserCohortAsync(userType, ("bjensen", null), ("alice", null));
        var names = new Dictionary<string, string>();
        foreach (var (name, member) in new[] { ("Tour Guides", "bjensen"), ("Cooks", "alice") })
        {
            var body = await Resources.MinimalAsync(groupType);
            body["displayName"] = $"{cohort.Prefix}-{name}";
            body["members"] = new JsonArray(new JsonObject { ["value"] = cohort.IdOf(member) });
            var group = await Resources.CreateOrSkipAsync(groupType, body);
            names[group.StringMember("id")!] = name;
        }

        var confine = $"displayName sw {Quote(cohort.Prefix + "-")}";
        async Task<Found> FindGroupsAsync(string expression)
        {
            var page = await ListAsync(groupType, FilterQuery($"{confine} and ({expression})"));
            return new Found(expression, page, id => names.GetValueOrDefault(id));
        }

        // The confinement is the check's scaffolding: a server refusing it (sw, and) refused that, not the filters judged.
        var scope = await ListAsync(groupType, FilterQuery(confine));
        if (scope.Response.Status == 400)
            throw new NotApplicableException($"the server refuses `{confine}`, the filter with which the check confines its queries to its own groups ({scope.Response.Summary}{ErrorReplies.DetailHint(scope.Response)}); filter.op.sw judges sw, and RFC 7644 §3.12 lets a server refuse what it does not support");
        var problems = new List<string>();
        var byName = await FindGroupsAsync($"displayName eq {Quote(cohort.Prefix + "-Tour Guides")}");
        if (!byName.Is("Tour Guides"))
            problems.Add(byName.Problem("the Tour Guides group only"));
        var byMember = await FindGroupsAsync($"members.value eq {Quote(cohort.IdOf("bjensen"))}");
        if (!byMember.Is("Tour Guides"))
            problems.Add(byMember.Problem("the Tour Guides group only (bjensen is not among the Cooks)"));
        Expect.NoProblems(problems, "a filter on /Groups did not return exactly the matching groups",
            "Tour Guides (member bjensen) by its name and by bjensen's id; Cooks (member alice) never");
    }
}
