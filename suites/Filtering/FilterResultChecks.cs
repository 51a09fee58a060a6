using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Filtering;

/// <summary>RFC 7644 §3.4.2 and §3.4.2.2: a filtered query returns exactly the matching resources, and a filter that
/// matches nothing is an empty list, not an error.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class FilterResultChecks : FilterCheck
{
    [Check("filter.only-matches", "A filtered query returns only the matching resources",
        References = ["RFC7644 §3.4.2.2"], Rows = ["RFC7644-3.4.2.2-ONLY-MATCHES"], Tags = ["filter", "users"],
        Requirement = "With a `filter`, the response holds only the resources for which the filter is true: of three users the check created, `userName eq` the first one's name returns that user and nothing else.")]
    public async Task OnlyMatches()
    {
        var userType = await UserTypeAsync();
        var cohort = await Resources.CreateUserCohortAsync(userType, ("bjensen", null), ("alice", null), ("carol", null));
        await ExpectExactlyAsync(cohort, $"userName eq {Quote(cohort.UserName("bjensen"))}",
            "the filtered query returned resources the filter does not match",
            "the only user with that userName", "bjensen");
    }

    [Check("filter.no-match-empty", "A filter that matches nothing gives 200 and totalResults 0",
        References = ["RFC7644 §3.4.2"], Rows = ["RFC7644-3.4.2-EMPTY-200"], Tags = ["filter", "list-response"],
        Requirement = "A query with no match is still a successful query: 200 with a ListResponse whose `totalResults` is 0 and whose `Resources` is absent or empty — not 404, not an error.")]
    public async Task NoMatchEmpty()
    {
        var userType = await UserTypeAsync();
        var cohort = await Resources.CreateUserCohortAsync(userType, ("bjensen", null));
        var found = await FindAsync(cohort, $"userName eq {Quote(cohort.UserName("nobody"))}");
        Expect.That(found.Status == 200, "a query that matches nothing was answered with an error instead of an empty list",
            "HTTP 200 with totalResults 0", found.Summary);
        var body = Expect.JsonObject(found.Response, "the response to a query that matches nothing");
        var total = body.Member("totalResults");
        Expect.That(found.Page.TotalResults == 0, "an empty query result does not say totalResults 0",
            "`totalResults`: 0", $"`totalResults`: {ScimJson.Describe(total)}");
        var resources = body.Member("Resources");
        Expect.That(resources is null || resources is JsonArray { Count: 0 }, "an empty query result lists resources",
            "`Resources` absent or []", $"`Resources`: {ScimJson.Describe(resources)}");
    }
}
