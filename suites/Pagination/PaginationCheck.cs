using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Pagination;

/// <summary>What the pagination checks share. Each check creates its own five users and confines every query to
/// them with the cohort's filter, so totals and pages are exact however much data the tenant holds; filtering must
/// therefore be advertised. When the server advertises sorting, every query also sorts by userName, so that pages
/// follow a defined order; the checks never depend on which order that is, only on the server keeping to it.</summary>
public abstract class PaginationCheck : ScimCheck
{
    protected static readonly string[] Tails = ["Alice", "bjensen", "carol", "dmitri", "Zed"];

    /// <summary>Creates the check's five users.</summary>
    protected async Task<Cohort> CreateCohortAsync(JsonObject userType) =>
        await Resources.CreateUserCohortAsync(userType, Tails.Select(t => (t, (Action<JsonObject>?)null)).ToArray());

    /// <summary><c>sortBy=userName&amp;</c> when the server advertises sorting, so pages follow a defined order.</summary>
    protected async Task<string> SortParameterAsync() =>
        (await DiscoveryAsync()).ServiceProviderConfig.Path("sort.supported").IsTrue() ? "sortBy=userName&" : "";

    /// <summary>GET {endpoint}?filter={cohort}[&amp;sortBy=userName]&amp;{parameters}.</summary>
    protected async Task<ListPage> PageAsync(Cohort cohort, string parameters) =>
        await ListAsync(cohort.UserType, FilterQuery(cohort.Filter, await SortParameterAsync() + parameters));

    /// <summary>A page that must be answered with 200: a violation otherwise, naming the parameters — unless the
    /// query without any paging parameter fails too, in which case the filter (or the sort) is at fault, not paging,
    /// and the check is Skipped naming it.</summary>
    protected async Task<ListPage> OkAsync(Cohort cohort, ListPage page, string why)
    {
        if (page.Response.Status != 200)
            await RequireUnpagedQueryAsync(cohort);
        Expect.Status(page.Response, 200, why);
        Expect.JsonObject(page.Response, "the list response");
        return page;
    }

    /// <summary>The cohort's query without paging parameters must be answered, or the check is Skipped naming why.</summary>
    protected async Task RequireUnpagedQueryAsync(Cohort cohort)
    {
        var sort = await SortParameterAsync();
        var plain = await ListAsync(cohort.UserType, FilterQuery(cohort.Filter, sort.TrimEnd('&')));
        if (plain.Response.Status != 200)
            throw new PrerequisiteException($"{plain.Summary}: the query that confines the check to its own users is refused even without paging parameters "
                + $"(see filter.only-matches{(sort.Length > 0 ? " and sort.sort-by" : "")})");
    }

    protected static IReadOnlySet<string> IdsOf(Cohort cohort) => cohort.Members.Select(m => m.StringMember("id")!).ToHashSet();

    /// <summary>Problems of a walk over pages: ids seen twice, cohort members never seen, foreign ids.</summary>
    protected static List<string> WalkProblems(Cohort cohort, IReadOnlyList<string> walked)
    {
        var problems = new List<string>();
        var duplicates = walked.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            problems.Add($"returned more than once: {string.Join(", ", cohort.TailsOf(duplicates))}");
        var missing = IdsOf(cohort).Where(id => !walked.Contains(id)).ToList();
        if (missing.Count > 0)
            problems.Add($"never returned: {string.Join(", ", cohort.TailsOf(missing))}");
        var foreign = walked.Where(id => !IdsOf(cohort).Contains(id)).Distinct().ToList();
        if (foreign.Count > 0)
            problems.Add($"not among the check's users: {string.Join(", ", foreign)}");
        return problems;
    }
}

/// <summary>Index pagination (RFC 7644 §3.4.2.4): gated on filtering (to confine), and NotApplicable when the
/// ServiceProviderConfig says, in an RFC 9865 `pagination` block, that index pagination is not offered.</summary>
public abstract class IndexPaginationCheck : PaginationCheck
{
    protected async Task<JsonObject> IndexUserTypeAsync()
    {
        await RequireCapabilityAsync("filter.supported");
        if ((await DiscoveryAsync()).ServiceProviderConfig.Path("pagination.index") is { } index && index.IsBoolean() && !index.IsTrue())
            throw new NotApplicableException("the ServiceProviderConfig says pagination.index is false: startIndex paging is not offered");
        return await ResourceTypeAsync(ScimUrns.User);
    }
}

/// <summary>Cursor pagination (RFC 9865): gated on <c>pagination.cursor</c> and on filtering (to confine).</summary>
public abstract class CursorPaginationCheck : PaginationCheck
{
    protected async Task<JsonObject> CursorUserTypeAsync()
    {
        await RequireCapabilityAsync("pagination.cursor");
        await RequireCapabilityAsync("filter.supported");
        return await ResourceTypeAsync(ScimUrns.User);
    }

    /// <summary>One cursor page: <c>cursor</c> bare on the first request (as RFC 9865's example sends it), else the
    /// value; every other parameter identical from page to page, as RFC 9865 requires of the client.</summary>
    protected Task<ListPage> CursorPageAsync(Cohort cohort, string? cursor, long count) =>
        PageAsync(cohort, $"count={count}&{(cursor is null ? "cursor" : "cursor=" + Uri.EscapeDataString(cursor))}");

    /// <summary>Follows nextCursor from the first page until a page has none, at most <paramref name="maxPages"/>
    /// pages. Every page must answer 200.</summary>
    protected async Task<List<ListPage>> WalkAsync(Cohort cohort, long count, int maxPages = 10)
    {
        var pages = new List<ListPage>();
        string? cursor = null;
        do
        {
            var page = await OkAsync(cohort, await CursorPageAsync(cohort, cursor, count),
                pages.Count == 0 ? "RFC 9865: the first page of a cursor-paginated query is requested with an empty cursor"
                    : "RFC 9865: a nextCursor the server returned fetches the next page");
            pages.Add(page);
            cursor = page.NextCursor;
            if (HasNext(page) && string.IsNullOrEmpty(cursor))
                throw Expect.Violation($"{page.Summary}: `nextCursor` is not a non-empty string", "a cursor string, or no nextCursor on the last page",
                    ScimJson.Describe(page.Body?.Member("nextCursor")));
        }
        while (cursor is not null && pages.Count < maxPages);
        return pages;
    }

    /// <summary>True when the page carries a nextCursor; a JSON null counts as absent (RFC 7643 §2.5: unassigned).</summary>
    protected static bool HasNext(ListPage page) => page.Body?.Member("nextCursor") is not null;

    /// <summary>The nextCursor of a first page of <paramref name="count"/>, or Skipped naming the check that judges it.</summary>
    protected async Task<string> FirstNextCursorAsync(Cohort cohort, long count)
    {
        var first = await OkAsync(cohort, await CursorPageAsync(cohort, null, count), "RFC 9865: the first page of a cursor-paginated query is requested with an empty cursor");
        return first.NextCursor is { Length: > 0 } next ? next
            : throw new PrerequisiteException($"{first.Summary}: the first page of {count} of {cohort.Members.Count} users carries no nextCursor (see pagination.cursor.first-page)");
    }

    /// <summary>The <c>scimType</c> of a 400 is the keyword RFC 9865 defines; another keyword is a violation at the
    /// check's level, none at all is Info (RFC 7644 §3.12 makes scimType optional).</summary>
    protected void ExpectScimType(ScimResponse response, string keyword) => Expect.ScimType(response, keyword, "RFC 9865");
}
