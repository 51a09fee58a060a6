using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Pagination;

/// <summary>RFC 9865's security rule, seen from outside: holding a cursor grants no access. It takes two actors, so it
/// runs only when the target configures a second identity (secondIdentity in targets.json). The check's users are
/// created by the primary identity; the second identity then presents the primary's nextCursor. Whatever the two
/// identities may each see, the second must get no more than its own query shows it — or a refusal of the cursor.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class CursorActorChecks : CursorPaginationCheck
{
    private const int PageSize = 2;

    [Check("pagination.cursor.other-actor", "A cursor obtained by one client shows another client nothing it may not see",
        References = ["RFC9865 (security considerations)"], Rows = ["RFC9865-5.2-CONFIDENTIALITY"], Tags = ["pagination", "cursor", "rfc9865", "auth"],
        Requirement = "Paging stays confined to what the current actor may access even with a cursor another actor obtained: when a second identity presents the primary identity's nextCursor (same query, same count), the server either refuses the cursor or answers with only resources that the second identity's own query, without a cursor, returns.")]
    public async Task OtherActor()
    {
        // The advertisement first, so that a server without cursors is NotApplicable for the reason every cursor check gives.
        var userType = await CursorUserTypeAsync();
        var second = Target.Second
            ?? throw new NotApplicableException("the target configures no second identity (secondIdentity in targets.json): judging what a cursor gives another actor takes two sets of credentials");
        var cohort = await CreateCohortAsync(userType);
        var cursor = await FirstNextCursorAsync(cohort, PageSize);

        var other = Scim.As(second);
        var sort = await SortParameterAsync();
        var endpoint = ResourceFactory.EndpointOf(cohort.UserType).TrimStart('/');
        var own = new ListPage(await other.GetAsync($"{endpoint}?{FilterQuery(cohort.Filter, sort.TrimEnd('&'))}"));
        if (own.Response.Status == 401)
            throw new HarnessException($"the second identity was refused ({own.Response.Summary}): check its credentials in the target configuration");
        // An actor refused the query outright (403, 404) may see none of these users.
        var visible = own.Response.Status == 200 ? own.Ids.ToHashSet() : [];

        var borrowed = new ListPage(await other.GetAsync(
            $"{endpoint}?{FilterQuery(cohort.Filter, $"{sort}count={PageSize}&cursor={Uri.EscapeDataString(cursor)}")}"));
        var status = borrowed.Response.Status;
        if (status is >= 400 and < 500)
            return; // the cursor is refused to anyone but the actor it was issued to
        Expect.That(status == 200, "another actor's cursor was answered neither with a page nor with a refusal",
            "a refusal (4xx) or a page of what the second identity may see", borrowed.Response.Summary);
        var leaked = borrowed.Ids.Where(id => !visible.Contains(id)).ToList();
        Expect.That(leaked.Count == 0,
            $"the second identity, presenting the primary identity's cursor, received {leaked.Count} user(s) its own query does not show it",
            $"only users among the {visible.Count} the second identity's own query returns ({own.Summary}), or a refusal of the cursor",
            $"{borrowed.Summary}: {string.Join(", ", cohort.TailsOf(leaked))}");
    }
}
