using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Filtering;

/// <summary>RFC 7644 §3.4.2.1: a query on the server root (GET {base}/) covers every resource type, and an attribute
/// one type lacks has no value there. The check creates two users and a group whose displayName carries the same
/// prefix as the users' userName, and confines each query with that prefix: <c>userName sw "{cohort}-"</c> for the
/// users (which must not bring back the group), <c>meta.resourceType eq "Group" and displayName sw "{cohort}-"</c>
/// for the group.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class RootQueryChecks : FilterCheck
{
    [Check("filter.root-query", "A filtered query on the server root spans resource types and leaves out those without the attribute",
        References = ["RFC7644 §3.4.2.1", "RFC7644 §3.4.2.2"],
        Rows = ["RFC7644-3.4.2.1-ROOT-QUERY", "RFC7644-3.4.2.1-UNDEFINED-ATTR"], Tags = ["filter", "root"],
        Requirement = "A server MAY answer queries on its root, which then include every resource type, subject to the filter: GET {base}/?filter=userName sw \"{cohort}-\" returns exactly the check's two users — not the check's group, whose displayName has the same prefix, since an attribute a resource type lacks is treated as having no value — and `meta.resourceType eq \"Group\" and displayName sw \"{cohort}-\"` returns exactly that group. A root that is not served is recorded as Info; wrong results when it is served fail.")]
    public async Task RootQuery()
    {
        var userType = await UserTypeAsync();
        var groupType = await ResourceTypeAsync(ScimUrns.Group);
        await RequireAttributesAsync(groupType, "displayName");
        var cohort = await Resources.CreateUserCohortAsync(userType, ("alice", null), ("bjensen", null));
        var body = await Resources.MinimalAsync(groupType);
        body["displayName"] = $"{cohort.Prefix}-Tour Guides";
        var group = await Resources.CreateOrSkipAsync(groupType, body);
        var groupId = group.StringMember("id")!;
        string? NameOf(string id) => id == groupId ? "the Tour Guides group"
            : cohort.Members.Any(m => m.StringMember("id") == id) ? cohort.TailsOf([id])[0] : null;

        async Task<Found> RootAsync(string filter) => new(filter, new ListPage(await Scim.GetAsync("?" + FilterQuery(filter))), NameOf);

        var users = await RootAsync(cohort.Filter);
        if (users.Status != 200)
        {
            throw Expect.Violation($"the server root does not answer a filtered query (`{users.Expression}` → {users.Result}); RFC 7644 §3.4.2.1 leaves root queries optional",
                "HTTP 200 with a ListResponse of alice and bjensen", users.Summary);
        }
        var problems = new List<string>();
        if (!users.Is("alice", "bjensen"))
            problems.Add(users.Problem("alice and bjensen (a Group has no userName, so its displayName is never compared)"));
        var groups = await RootAsync($"meta.resourceType eq \"Group\" and displayName sw {Quote(cohort.Prefix + "-")}");
        if (!groups.Is("the Tour Guides group"))
            problems.Add(groups.Problem("the Tour Guides group only"));
        Expect.NoProblems(problems, "a filtered query on the server root did not return exactly the matching resources of every type",
            "alice and bjensen by userName (not the group named with the same prefix); the group alone by meta.resourceType and displayName",
            LevelOf("RFC7644-3.4.2.1-UNDEFINED-ATTR"));
    }
}
