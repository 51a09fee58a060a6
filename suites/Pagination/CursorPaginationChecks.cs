using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Pagination;

/// <summary>RFC 9865: cursor pagination, when the ServiceProviderConfig advertises <c>pagination.cursor</c>. Every
/// check pages through its own five users (selected by the cohort's filter) with a small count, so that several
/// pages exist; a first page is asked for with a bare <c>cursor</c> parameter, as RFC 9865's example does, and every
/// later request repeats the first one's parameters with only the cursor changed, as RFC 9865 requires of clients.
/// Cursor expiry is checked by waiting out <c>cursorTimeout</c>, only when it is at most 30 seconds.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class CursorPaginationChecks : CursorPaginationCheck
{
    private const int PageSize = 2;

    [Check("pagination.cursor.first-page", "The first cursor page has a nextCursor and no previousCursor",
        References = ["RFC9865 (query parameters)", "RFC9865 (response attributes)"], Rows = ["RFC9865-2-CURSOR-FIRST-PAGE", "RFC9865-2-PREVIOUSCURSOR-FIRST", "RFC9865-2-NEXTCURSOR"], Tags = ["pagination", "cursor", "rfc9865"],
        Requirement = "A query with an empty cursor (bare `cursor`, and `cursor=`) and count=2 over the check's five users answers 200 with at most 2 resources, a non-empty `nextCursor` (more pages exist) and no `previousCursor` (which MUST NOT come with the first page).")]
    public async Task FirstPage()
    {
        var cohort = await CreateCohortAsync(await CursorUserTypeAsync());
        var problems = new List<string>();
        foreach (var cursor in new[] { "cursor", "cursor=" })
        {
            var page = await OkAsync(cohort, await PageAsync(cohort, $"count={PageSize}&{cursor}"),
                "RFC 9865: the first page of a cursor-paginated query is requested with an empty or omitted cursor");
            if (page.Resources.Count > PageSize)
                problems.Add($"{page.Summary}: {page.Resources.Count} resources for count={PageSize}");
            if (page.NextCursor is not { Length: > 0 })
                problems.Add($"{page.Summary}: `nextCursor` is {ScimJson.Describe(page.Body?.Member("nextCursor"))} although {cohort.Members.Count} users match and the page holds {page.Resources.Count}");
            if (page.Body?.Member("previousCursor") is not null)
                problems.Add($"{page.Summary}: the first page carries `previousCursor` {ScimJson.Describe(page.Body?.Member("previousCursor"))}");
        }
        Expect.NoProblems(problems, "the first page of a cursor-paginated query is not marked as a first page with more to come",
            $"at most {PageSize} resources, a non-empty `nextCursor`, and no `previousCursor`");
    }

    [Check("pagination.cursor.walk", "Following nextCursor visits every result exactly once",
        References = ["RFC9865 (response attributes)", "RFC9865 (query parameters)"], Rows = ["RFC9865-2-NEXTCURSOR", "RFC9865-2-SAME-QUERY", "RFC9865-2-COUNT-MAX"], Tags = ["pagination", "cursor", "rfc9865"],
        Requirement = "Following `nextCursor` from the first page (count=2, every other parameter unchanged) returns each of the check's five users exactly once — no duplicates, no gaps — in pages of at most 2, and the walk ends with a page without `nextCursor`.")]
    public async Task Walk()
    {
        var cohort = await CreateCohortAsync(await CursorUserTypeAsync());
        var pages = await WalkAsync(cohort, PageSize);
        var problems = WalkProblems(cohort, pages.SelectMany(p => p.Ids).ToList());
        problems.AddRange(pages.Where(p => p.Resources.Count > PageSize).Select(p => $"{p.Summary}: {p.Resources.Count} resources for count={PageSize}"));
        if (HasNext(pages[^1]))
            problems.Add($"the walk did not end within {pages.Count} pages: every page carried a nextCursor");
        Expect.NoProblems(problems, $"following nextCursor did not visit each user exactly once ({Describe(cohort, pages)})",
            $"each of the {cohort.Members.Count} users exactly once, in pages of at most {PageSize}, ending with a page without nextCursor");
    }

    [Check("pagination.cursor.last-page", "The last page carries no nextCursor",
        References = ["RFC9865 (response attributes)"], Rows = ["RFC9865-2-NEXTCURSOR", "RFC9865-2-NEXTCURSOR-EMPTY-LAST"], Tags = ["pagination", "cursor", "rfc9865"],
        Requirement = "`nextCursor` is in every page except the last, and its absence is how a client learns that no pages remain: walking the check's five users with count=2, the page that returns the last of them has no `nextCursor`. A server that adds a nextCursor leading to an empty, final page costs every client a round trip (Warn); one that never omits it leaves the walk without an end (Fail).")]
    public async Task LastPage()
    {
        var cohort = await CreateCohortAsync(await CursorUserTypeAsync());
        var pages = await WalkAsync(cohort, PageSize);
        var total = cohort.Members.Count;
        var seen = 0;
        var completing = -1;
        for (var i = 0; i < pages.Count && completing < 0; i++)
        {
            seen += pages[i].Resources.Count;
            if (seen >= total)
                completing = i;
        }
        if (completing < 0)
            throw new PrerequisiteException($"the walk returned {seen} of {total} users ({Describe(cohort, pages)}): see pagination.cursor.walk");
        var last = pages[completing];
        if (!HasNext(last))
            return;
        var after = pages.Skip(completing + 1).ToList();
        Expect.That(after.Count > 0 && !HasNext(after[^1]), "the walk never ends: pages after the last result still carry a nextCursor",
            "no nextCursor on the page that returns the last result", Describe(cohort, pages));
        Expect.Violation($"{last.Summary} returned the last of the {total} users (totalResults {ScimJson.Describe(last.Body?.Member("totalResults"))}) "
            + $"and still carried a nextCursor, which led to {after.Count} more page(s) holding {after.Sum(p => p.Resources.Count)} resource(s)",
            "no nextCursor on the page that returns the last result", Describe(cohort, pages), LevelOf("RFC9865-2-NEXTCURSOR-EMPTY-LAST"));
    }

    [Check("pagination.cursor.count-zero", "count=0 (or a negative count) with a cursor returns no resources",
        References = ["RFC9865 (query parameters)"], Rows = ["RFC9865-2-COUNT-ZERO", "RFC9865-2-COUNT-NEGATIVE", "RFC9865-2-TOTALRESULTS"], Tags = ["pagination", "cursor", "rfc9865"],
        Requirement = "In a cursor query, count=0 asks for no resources except `totalResults`, and a negative count SHALL be read as 0: `cursor&count=0` and `cursor&count=-1` over the check's five users answer 200 with no resources and, when `totalResults` is given (it MAY be omitted), totalResults 5.")]
    public async Task CountZero()
    {
        var cohort = await CreateCohortAsync(await CursorUserTypeAsync());
        var problems = new List<string>();
        foreach (var count in new[] { 0, -1 })
        {
            var page = await CursorPageAsync(cohort, null, count);
            if (page.Response.Status != 200)
            {
                await RequireUnpagedQueryAsync(cohort);
                problems.Add(page.Summary);
                continue;
            }
            if (page.Resources.Count > 0)
                problems.Add($"count={count}: {page.Resources.Count} resources ({cohort.Words(page.Ids)})");
            if (page.Body?.Member("totalResults") is { } total && page.TotalResults != cohort.Members.Count)
                problems.Add($"count={count}: `totalResults` is {ScimJson.Describe(total)}, not {cohort.Members.Count}");
        }
        Expect.NoProblems(problems, "count=0 (or a negative count) in a cursor query did not return an empty page",
            $"HTTP 200 with no resources (and totalResults {cohort.Members.Count} if given) for count=0 and count=-1");
    }

    [Check("pagination.cursor.invalid-cursor", "A cursor the server never issued is refused with 400 invalidCursor",
        References = ["RFC9865 (pagination errors)"], Rows = ["RFC9865-2.1-INVALID-CURSOR", "RFC9865-2.1-ERRORS"], Tags = ["pagination", "cursor", "rfc9865", "errors"],
        Requirement = "Invalid pagination parameters SHOULD get the appropriate error, and for a cursor that is 400 with scimType invalidCursor: a real nextCursor with one character changed, and a well-formed random string, are both refused — not answered with a page as if they were the first cursor or another valid one.")]
    public async Task InvalidCursor()
    {
        var cohort = await CreateCohortAsync(await CursorUserTypeAsync());
        var issued = await FirstNextCursorAsync(cohort, PageSize);
        var forged = new[]
        {
            (Tampered(issued), "the issued cursor with one character changed"),
            ("scimct" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), "a random string the server never issued"),
        };
        foreach (var (cursor, what) in forged)
        {
            var response = (await CursorPageAsync(cohort, cursor, PageSize)).Response;
            Expect.That(response.Status == 400, $"{what} was not refused as an invalid cursor",
                "HTTP 400 with scimType invalidCursor", $"{response.Summary}{(response.Status == 200 ? $" with {new ListPage(response).Resources.Count} resource(s)" : "")}");
            ExpectScimType(response, "invalidCursor");
        }
    }

    [Check("pagination.cursor.count-change", "Changing count between cursor pages is refused with 400 invalidCount",
        References = ["RFC9865 (pagination errors)", "RFC9865 (response attributes)"], Rows = ["RFC9865-2.1-INVALID-COUNT", "RFC9865-2-SAME-QUERY"], Tags = ["pagination", "cursor", "rfc9865", "errors"],
        Requirement = "A cursor continues the query it came from, whose count must stay identical: requesting the next page with the nextCursor of a count=2 page but count=3 SHOULD be refused with 400 and scimType invalidCount.")]
    public async Task CountChange()
    {
        var cohort = await CreateCohortAsync(await CursorUserTypeAsync());
        var issued = await FirstNextCursorAsync(cohort, PageSize);
        var response = (await CursorPageAsync(cohort, issued, PageSize + 1)).Response;
        Expect.That(response.Status == 400, "a nextCursor was accepted with a different count than the query it continues",
            "HTTP 400 with scimType invalidCount", $"{response.Summary}{(response.Status == 200 ? $" with {new ListPage(response).Resources.Count} resource(s)" : "")}");
        ExpectScimType(response, "invalidCount");
    }

    /// <summary>The longest cursorTimeout this check waits out, in seconds; a run never waits longer.</summary>
    private const int MaxWait = 30;

    [Check("pagination.cursor.expired-cursor", "A cursor older than cursorTimeout is refused with 400 expiredCursor",
        References = ["RFC9865 (pagination errors)", "RFC9865 (Service Provider Configuration)"], Rows = ["RFC9865-2.1-EXPIRED-CURSOR", "RFC9865-4-SPC-CURSORTIMEOUT"], Tags = ["pagination", "cursor", "rfc9865", "errors"],
        Requirement = "`pagination.cursorTimeout` says how many seconds a cursor stays valid, and a cursor used after it has expired SHOULD get 400 with scimType expiredCursor: the check takes the nextCursor of a first page, waits cursorTimeout + 1 seconds, then asks for the next page with it. NotApplicable when the ServiceProviderConfig gives no cursorTimeout or one above 30 seconds (the only wait in the suite: the requirement is about time).")]
    public async Task ExpiredCursor()
    {
        var userType = await CursorUserTypeAsync();
        var advertised = (await DiscoveryAsync()).ServiceProviderConfig.Path("pagination.cursorTimeout");
        if (!advertised.IsInteger())
            throw new NotApplicableException($"the ServiceProviderConfig gives no integer pagination.cursorTimeout ({ScimJson.Describe(advertised)}): there is no time after which a cursor must have expired");
        var seconds = advertised!.GetValue<long>();
        if (seconds is < 1 or > MaxWait)
            throw new NotApplicableException($"pagination.cursorTimeout is {seconds} seconds; the check waits out at most {MaxWait}");
        var cohort = await CreateCohortAsync(userType);
        var issued = await FirstNextCursorAsync(cohort, PageSize);
        await Task.Delay(TimeSpan.FromSeconds(seconds + 1));
        var response = (await CursorPageAsync(cohort, issued, PageSize)).Response;
        Expect.That(response.Status == 400, $"a nextCursor used {seconds + 1} seconds after it was issued, past the advertised cursorTimeout of {seconds}, was still accepted",
            "HTTP 400 with scimType expiredCursor", $"{response.Summary}{(response.Status == 200 ? $" with {new ListPage(response).Resources.Count} resource(s)" : "")}");
        ExpectScimType(response, "expiredCursor");
    }

    /// <summary>The most users this check creates to exceed maxPageSize.</summary>
    private const int MaxCohort = 25;

    [Check("pagination.cursor.max-page-size", "No cursor page holds more than maxPageSize resources",
        References = ["RFC9865 (Service Provider Configuration)", "RFC9865 (pagination errors)"], Rows = ["RFC9865-4-SPC-MAXPAGESIZE", "RFC9865-2.1-INVALID-COUNT"], Tags = ["pagination", "cursor", "rfc9865"],
        Requirement = "`maxPageSize` caps every page whatever `count` says: a cursor query with count=maxPageSize+1 answers either a page of at most maxPageSize resources or 400 invalidCount (count outside 0..maxPageSize); both are allowed. The check creates maxPageSize+1 users when that is at most 25, so that the cap is really tested; with a larger maxPageSize it can only see that such a count is answered 200 or 400 invalidCount.")]
    public async Task MaxPageSize()
    {
        var userType = await CursorUserTypeAsync();
        var advertised = (await DiscoveryAsync()).ServiceProviderConfig.Path("pagination.maxPageSize");
        if (!advertised.IsInteger() || advertised!.GetValue<long>() < 1)
            throw new NotApplicableException($"the ServiceProviderConfig advertises no pagination.maxPageSize (it is {ScimJson.Describe(advertised)})");
        var max = advertised.GetValue<long>();
        // Exceeding maxPageSize needs more matching users than it; beyond MaxCohort the check only sees how a count
        // above the maximum is answered (200 or 400 invalidCount), not whether the cap holds.
        var size = max < MaxCohort ? (int)Math.Max(max + 1, Tails.Length) : Tails.Length;
        var tails = Enumerable.Range(1, size).Select(i => $"u{i:00}").ToArray();
        var cohort = await Resources.CreateUserCohortAsync(userType, tails.Select(t => (t, (Action<JsonObject>?)null)).ToArray());
        var page = await CursorPageAsync(cohort, null, max + 1);
        if (page.Response.Status == 400)
        {
            if (page.Response.JsonObject?.StringMember("scimType") != "invalidCount")
                await RequireUnpagedQueryAsync(cohort);
            ExpectScimType(page.Response, "invalidCount");
            return;
        }
        Expect.Status(page.Response, 200, "RFC 9865: a count above maxPageSize gets a page of at most maxPageSize resources, or 400 invalidCount");
        Expect.That(page.Resources.Count <= max, $"a page held more resources than the advertised maxPageSize {max}",
            $"at most {max} resources (or 400 invalidCount) for count={max + 1} over {cohort.Members.Count} matching users",
            $"{page.Resources.Count} resources");
    }

    [Check("pagination.cursor.default-method", "A query naming no pagination method gets the advertised default",
        References = ["RFC9865 (default pagination method)", "RFC9865 (Service Provider Configuration)"], Rows = ["RFC9865-2.3-DEFAULT-METHOD", "RFC9865-4-SPC-DEFAULT-METHOD"], Tags = ["pagination", "cursor", "rfc9865", "spc"],
        Requirement = "A server offering cursors MUST choose a default method for queries with neither `startIndex` nor `cursor`, and `defaultPaginationMethod` says which: count=2 over the check's five users, without either parameter, returns a page with `nextCursor` when the default is \"cursor\", and an index page without `nextCursor` when it is \"index\".")]
    public async Task DefaultMethod()
    {
        var userType = await CursorUserTypeAsync();
        var method = (await DiscoveryAsync()).ServiceProviderConfig.Path("pagination.defaultPaginationMethod");
        if (!method.IsString() || method!.GetValue<string>() is not ("cursor" or "index"))
            throw new NotApplicableException($"the ServiceProviderConfig names no defaultPaginationMethod (it is {ScimJson.Describe(method)})");
        var advertised = method.GetValue<string>();
        var cohort = await CreateCohortAsync(userType);
        var page = await OkAsync(cohort, await PageAsync(cohort, $"count={PageSize}"), "a query without startIndex or cursor is answered with the default pagination method (RFC 9865)");
        var observed = HasNext(page) ? "cursor" : "index";
        Expect.That(observed == advertised, $"the default pagination method is not the one the ServiceProviderConfig advertises (\"{advertised}\")",
            advertised == "cursor"
                ? $"a page of at most {PageSize} of the {cohort.Members.Count} users with a nextCursor (cursor pagination)"
                : "an index page: no nextCursor",
            observed == "cursor"
                ? $"{page.Summary} with nextCursor {ScimJson.Describe(page.Body?.Member("nextCursor"))}: cursor pagination"
                : $"{page.Summary} with {page.Resources.Count} resource(s), startIndex {ScimJson.Describe(page.Body?.Member("startIndex"))} and no nextCursor: index pagination");
    }

    /// <summary>The cursor with its middle character replaced by another unreserved character (RFC 3986 §2.3).</summary>
    private static string Tampered(string cursor)
    {
        var chars = cursor.ToCharArray();
        var i = chars.Length / 2;
        chars[i] = chars[i] switch
        {
            'z' => 'a',
            'Z' => 'A',
            '9' => '0',
            var c when char.IsAsciiLetterOrDigit(c) => (char)(c + 1),
            _ => 'A',
        };
        return new string(chars);
    }

    private string Describe(Cohort cohort, IReadOnlyList<ListPage> pages) =>
        string.Join("; ", pages.Select((p, i) => $"page {i + 1}: {(p.Ids.Count == 0 ? "empty" : cohort.Words(p.Ids))}{(HasNext(p) ? " + nextCursor" : "")}"));
}
