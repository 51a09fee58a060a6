using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Pagination;

/// <summary>RFC 7644 §3.4.2.4: index pagination with <c>startIndex</c> and <c>count</c>. Every check pages through its
/// own five users, selected by the cohort's filter, so totals are exact on a tenant full of other data. Pages are
/// compared with the order the server itself gives the five users in a single page (sorted by userName when sorting
/// is advertised), never with an order the suite assumes.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class IndexPaginationChecks : IndexPaginationCheck
{
    [Check("pagination.start-index-one-based", "startIndex counts from 1, defaults to 1, and is echoed",
        References = ["RFC7644 §3.4.2.4"],
        Rows = ["RFC7644-3.4.2.4-STARTINDEX-1BASED", "RFC7644-3.4.2.4-STARTINDEX-DEFAULT", "RFC7644-3.4.2.4-STARTINDEX-ECHO"],
        Tags = ["pagination", "index"],
        Requirement = "`startIndex` is the 1-based index of the first result: with count=1, startIndex=1 and a query without startIndex both return the first of the check's five users, startIndex=2 the second, and each partial page's `startIndex` member is the index of its first result (1, or 2).")]
    public async Task StartIndexOneBased()
    {
        var cohort = await CreateCohortAsync(await IndexUserTypeAsync());
        var whole = await OkAsync(cohort, await PageAsync(cohort, "count=50"), "a filtered query without startIndex is answered (RFC 7644 §3.4.2)");
        var ids = IdsOf(cohort);
        if (whole.Ids.Any(id => !ids.Contains(id)))
            throw new PrerequisiteException($"{whole.Summary}: the filter {cohort.Filter} returned users the check did not create (see filter.only-matches)");
        var problems = new List<string>();
        if (whole.Ids.Count < ids.Count)
        {
            problems.Add($"{whole.Summary}: without startIndex only {whole.Ids.Count} of the {ids.Count} users came back "
                + $"({cohort.Words(whole.Ids)}), as if the default start skipped results");
            Expect.NoProblems(problems, "a query without startIndex did not start at the first result",
                "without startIndex, every one of the five users (startIndex defaults to 1)");
        }
        var order = whole.Ids;

        var first = await OkAsync(cohort, await PageAsync(cohort, "startIndex=1&count=1"), "startIndex=1&count=1 asks for the first result (RFC 7644 §3.4.2.4)");
        var second = await OkAsync(cohort, await PageAsync(cohort, "startIndex=2&count=1"), "startIndex=2&count=1 asks for the second result (RFC 7644 §3.4.2.4)");
        var unspecified = await OkAsync(cohort, await PageAsync(cohort, "count=1"), "count=1 without startIndex asks for the first result (RFC 7644 §3.4.2.4)");
        Judge(cohort, first, order, 1, echoRequired: true, problems);
        Judge(cohort, second, order, 2, echoRequired: true, problems);
        Judge(cohort, unspecified, order, 1, echoRequired: false, problems);
        Expect.NoProblems(problems, "startIndex is not counted from 1",
            $"startIndex=1 and no startIndex → {cohort.Words(order.Take(1))} with `startIndex` 1; startIndex=2 → {cohort.Words(order.Skip(1).Take(1))} with `startIndex` 2");
    }

    private void Judge(Cohort cohort, ListPage page, IReadOnlyList<string> order, int index, bool echoRequired, List<string> problems)
    {
        var expected = order[index - 1];
        if (page.Ids.Count != 1 || page.Ids[0] != expected)
            problems.Add($"{page.Summary} returned {(page.Ids.Count == 0 ? "nothing" : cohort.Words(page.Ids))}, not result {index} ({cohort.Words([expected])})");
        var echoed = page.Body?.Member("startIndex");
        if (echoed is null && echoRequired)
            problems.Add($"{page.Summary} is a partial page without `startIndex`");
        else if (echoed is not null && page.StartIndex != index)
            problems.Add($"{page.Summary}: `startIndex` is {ScimJson.Describe(echoed)}, not {index}");
    }

    [Check("pagination.start-index-below-one", "A startIndex below 1 is read as 1",
        References = ["RFC7644 §3.4.2.4"], Rows = ["RFC7644-3.4.2.4-STARTINDEX-LT1"], Tags = ["pagination", "index"],
        Requirement = "A `startIndex` value less than 1 SHALL be interpreted as 1: startIndex=0 and startIndex=-5 (count=1) answer 200 with the same first result as startIndex=1, not 400, and a `startIndex` member, if present, says 1.")]
    public async Task StartIndexBelowOne()
    {
        var cohort = await CreateCohortAsync(await IndexUserTypeAsync());
        var first = await PageAsync(cohort, "startIndex=1&count=1");
        if (first.Response.Status != 200 || first.Ids.Count != 1)
            throw new PrerequisiteException($"{first.Summary}: startIndex=1&count=1 did not return one user (see pagination.start-index-one-based)");
        var problems = new List<string>();
        foreach (var start in new[] { 0, -5 })
        {
            var page = await PageAsync(cohort, $"startIndex={start}&count=1");
            if (page.Response.Status != 200)
            {
                await RequireUnpagedQueryAsync(cohort);
                problems.Add($"{page.Summary}{ErrorReplies.DetailHint(page.Response)}");
            }
            else if (!page.Ids.SequenceEqual(first.Ids))
                problems.Add($"{page.Summary} returned {(page.Ids.Count == 0 ? "nothing" : cohort.Words(page.Ids))}, not {cohort.Words(first.Ids)} as startIndex=1 does");
            else if (page.Body?.Member("startIndex") is { } echoed && page.StartIndex != 1)
                problems.Add($"{page.Summary}: `startIndex` is {ScimJson.Describe(echoed)}, not 1");
        }
        Expect.NoProblems(problems, "a startIndex below 1 was not read as 1",
            $"HTTP 200 with {cohort.Words(first.Ids)} (the page of startIndex=1) for startIndex=0 and startIndex=-5");
    }

    [Check("pagination.count-max", "A page never holds more resources than count",
        References = ["RFC7644 §3.4.2.4"], Rows = ["RFC7644-3.4.2.4-COUNT-MAX"], Tags = ["pagination", "index"],
        Requirement = "`count` is the maximum number of results per page: the server MUST NOT return more (it MAY return fewer). Over the check's five users, count=1, count=2 and count=4 give pages of at most 1, 2 and 4 resources.")]
    public async Task CountMax()
    {
        var cohort = await CreateCohortAsync(await IndexUserTypeAsync());
        var problems = new List<string>();
        foreach (var count in new[] { 1, 2, 4 })
        {
            var page = await OkAsync(cohort, await PageAsync(cohort, $"startIndex=1&count={count}"), $"count={count} is a valid page size (RFC 7644 §3.4.2.4)");
            if (page.Resources.Count > count)
                problems.Add($"count={count}: {page.Resources.Count} resources ({cohort.Words(page.Ids)})");
        }
        Expect.NoProblems(problems, "a page held more resources than count asked for", "at most `count` resources on each page");
    }

    [Check("pagination.count-zero", "count=0, or a negative count, returns no resources but the total",
        References = ["RFC7644 §3.4.2.4"], Rows = ["RFC7644-3.4.2.4-COUNT-ZERO", "RFC7644-3.4.2.4-COUNT-NEG"], Tags = ["pagination", "index"],
        Requirement = "count=0 asks for no resources, only `totalResults`; a negative count SHALL be read as 0. Over the check's five users, count=0 and count=-1 answer 200 with no resources (Resources absent or empty) and totalResults 5, not a default-size page and not 400.")]
    public async Task CountZero()
    {
        var cohort = await CreateCohortAsync(await IndexUserTypeAsync());
        var problems = new List<string>();
        foreach (var count in new[] { 0, -1 })
        {
            var page = await PageAsync(cohort, $"count={count}");
            if (page.Response.Status != 200)
            {
                await RequireUnpagedQueryAsync(cohort);
                problems.Add($"{page.Summary}{ErrorReplies.DetailHint(page.Response)}");
                continue;
            }
            if (page.Resources.Count > 0)
                problems.Add($"count={count}: {page.Resources.Count} resources ({cohort.Words(page.Ids)})");
            if (page.TotalResults != cohort.Members.Count)
                problems.Add($"count={count}: `totalResults` is {ScimJson.Describe(page.Body?.Member("totalResults"))}, not {cohort.Members.Count}");
        }
        Expect.NoProblems(problems, "count=0 (or a negative count) did not return the total alone",
            $"HTTP 200, no resources and totalResults {cohort.Members.Count}, for count=0 and count=-1");
    }

    [Check("pagination.total-results", "totalResults counts every match, whatever the page",
        References = ["RFC7644 §3.4.2.4", "RFC7644 §3.4.2"], Rows = ["RFC7644-3.4.2.4-TOTALRESULTS"], Tags = ["pagination", "index"],
        Requirement = "`totalResults` is the total number of results the query matches, independent of `startIndex` and `count`: over the check's five users, startIndex=1&count=1 and startIndex=3&count=2 both say totalResults 5.")]
    public async Task TotalResults()
    {
        var cohort = await CreateCohortAsync(await IndexUserTypeAsync());
        var problems = new List<string>();
        foreach (var parameters in new[] { "startIndex=1&count=1", "startIndex=3&count=2" })
        {
            var page = await OkAsync(cohort, await PageAsync(cohort, parameters), $"{parameters} is a valid page (RFC 7644 §3.4.2.4)");
            if (page.TotalResults != cohort.Members.Count)
                problems.Add($"{parameters}: `totalResults` is {ScimJson.Describe(page.Body?.Member("totalResults"))} with {page.Resources.Count} resource(s) on the page");
        }
        Expect.NoProblems(problems, "totalResults did not count every match",
            $"totalResults {cohort.Members.Count} (the users matching the filter) on every page");
    }

    [Check("pagination.page-walk", "Consecutive pages continue from each other, without repeats or gaps",
        References = ["RFC7644 §3.4.2.4"], Rows = ["RFC7644-3.4.2.4-PAGE-WALK"], Tags = ["pagination", "index"],
        Requirement = "A client pages by asking for startIndex = the previous startIndex plus the resources returned: walking the check's five users with count=2 (startIndex 1, 3, 5, … until past totalResults or an empty page) returns each of them exactly once, while nothing else changes them.")]
    public async Task PageWalk()
    {
        var cohort = await CreateCohortAsync(await IndexUserTypeAsync());
        var walked = new List<string>();
        var pages = new List<string>();
        long start = 1;
        for (var i = 0; i < 10; i++)
        {
            var page = await OkAsync(cohort, await PageAsync(cohort, $"startIndex={start}&count=2"), $"startIndex={start}&count=2 continues the walk (RFC 7644 §3.4.2.4)");
            if (page.Resources.Count == 0)
                break;
            walked.AddRange(page.Ids);
            pages.Add($"startIndex={start}: {cohort.Words(page.Ids)}");
            start += page.Resources.Count;
            // A client stops once it has gone past totalResults; asking beyond the end is pagination.beyond-end's concern.
            if (page.TotalResults is { } total && start > total)
                break;
        }
        Expect.NoProblems(WalkProblems(cohort, walked), $"walking the pages did not visit each user exactly once ({string.Join("; ", pages)})",
            $"each of the {cohort.Members.Count} users exactly once over the pages");
    }

    [Check("pagination.beyond-end", "A startIndex past the last result returns an empty page",
        References = ["RFC7644 §3.4.2.4"], Rows = ["RFC7644-3.4.2.4-BEYOND-END"], Tags = ["pagination", "index"],
        Requirement = "Asking for a page that starts after the last result is not an error: over the check's five users, startIndex=6 and startIndex=100 (count=2) answer 200 with totalResults 5 and no resources — not the last page, not every result.")]
    public async Task BeyondEnd()
    {
        var cohort = await CreateCohortAsync(await IndexUserTypeAsync());
        var problems = new List<string>();
        // The headline names what really went wrong: a refused page, a page with results, or only a wrong count.
        var (refused, notEmpty) = (false, false);
        foreach (var start in new[] { cohort.Members.Count + 1, 100 })
        {
            var page = await PageAsync(cohort, $"startIndex={start}&count=2");
            if (page.Response.Status != 200)
            {
                await RequireUnpagedQueryAsync(cohort);
                problems.Add($"{page.Summary}{ErrorReplies.DetailHint(page.Response)}");
                refused = true;
                continue;
            }
            if (page.Resources.Count > 0)
            {
                problems.Add($"startIndex={start}: {page.Resources.Count} resource(s) ({cohort.Words(page.Ids)})");
                notEmpty = true;
            }
            if (page.TotalResults != cohort.Members.Count)
                problems.Add($"startIndex={start}: `totalResults` is {ScimJson.Describe(page.Body?.Member("totalResults"))}");
        }
        var headline = notEmpty ? "a page past the last result was not empty"
            : refused ? "a page past the last result was refused instead of answered empty"
            : "an empty page past the last result gave the wrong totalResults";
        Expect.NoProblems(problems, headline,
            $"HTTP 200, no resources and totalResults {cohort.Members.Count}, for startIndex={cohort.Members.Count + 1} and startIndex=100");
    }
}
