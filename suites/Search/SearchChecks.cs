using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Search;

/// <summary>RFC 7644 §3.4.3: queries with POST {endpoint}/.search and a SearchRequest body, and RFC 9865 cursors in
/// that body. Only /Users is searched: the requirement is the same for every endpoint, and Users are what every
/// server has.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class SearchChecks : SearchCheck
{
    [Check("search.supported", "POST /Users/.search answers a SearchRequest with a ListResponse",
        Effect = TargetEffect.ReadsOnly, References = ["RFC7644 §3.4.3"], Rows = ["RFC7644-3.4.3-SEARCH-SUPPORTED"], Tags = ["search"],
        Requirement = "Clients MAY query with POST to {endpoint}/.search, and no ServiceProviderConfig flag says whether a server serves it: a SearchRequest for one resource (count 1) to /Users/.search is answered 200 with a ListResponse. A server that does not serve it (404, 405, 501…) is recorded as Info, and the other search checks are Skipped.")]
    public async Task Supported()
    {
        var userType = await UserTypeAsync();
        var response = await ProbeAsync(userType);
        Expect.That(Served(response), $"POST /{SearchPath(userType)} is not served: clients cannot query with POST, which RFC 7644 §3.4.3 leaves optional",
            "HTTP 200 with a ListResponse", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
    }

    [Check("search.is-query", "POST to /.search never creates a resource",
        Effect = TargetEffect.ReadsOnly, References = ["RFC7644 §3.4.3"], Rows = ["RFC7644-3.4.3-SEARCH-IS-QUERY"], Tags = ["search"],
        Requirement = "The /.search path makes a POST a query, never a create: POST /Users/.search with a User-shaped body (a User's schemas and a fresh userName) leaves no user with that userName behind — whether the server answers it as a search (200) or refuses the body (400).")]
    public async Task IsQuery()
    {
        var userType = await UserTypeAsync();
        await RequireCapabilityAsync("filter.supported");
        await RequireSearchAsync(userType);
        var endpoint = ResourceFactory.EndpointOf(userType);
        var body = await Resources.MinimalAsync(userType);
        var userName = Target.Prefix.Name("search-is-query");
        body["userName"] = userName;
        var response = await SearchAsync(userType, body);
        Ledger.Track(response, endpoint); // a user wrongly created is deleted all the same

        var lookup = await ListAsync(userType, FilterQuery($"userName eq \"{userName}\""));
        if (lookup.Response.Status != 200)
            throw new PrerequisiteException($"{lookup.Summary}: the user could not be looked up by userName (see filter.op.eq)");
        foreach (var id in lookup.Ids)
            Ledger.Track(await ReadAsync(userType, id), endpoint);
        Expect.That(lookup.Ids.Count == 0 && response.Status != 201, $"POST /{SearchPath(userType)} with a User-shaped body created a user",
            $"no user named {userName} afterwards (a search answers 200 with a ListResponse, or 400 for a body that is no SearchRequest)",
            $"{response.Summary}; then {lookup.Summary} finds {lookup.Ids.Count} user(s) named {userName}");
    }

    [Check("search.equivalent-to-get", "A search returns what the equivalent GET query returns",
        References = ["RFC7644 §3.4.3"], Rows = ["RFC7644-3.4.3-SEARCH-RESPONSE"], Tags = ["search"],
        Requirement = "The response to POST /.search is the same as to the equivalent GET: a SearchRequest with the check's filter, sortBy userName (when sorting is advertised), startIndex 1, count 3 and attributes [\"userName\"] returns the same totalResults, the same users in the same order, and each with the same attributes, as GET /Users with those parameters.")]
    public async Task EquivalentToGet()
    {
        var userType = await UserTypeAsync();
        await RequireCapabilityAsync("filter.supported");
        await RequireSearchAsync(userType);
        var spc = (await DiscoveryAsync()).ServiceProviderConfig;
        var sorted = spc.Path("sort.supported").IsTrue();
        var index = spc.Path("pagination.index") is not { } flag || !flag.IsBoolean() || flag.IsTrue();
        var cohort = await CreateCohortAsync(userType, ["Alice", "bjensen", "carol", "Zed"]);

        var body = SearchRequest(("filter", cohort.Filter), ("count", 3), ("attributes", new JsonArray("userName")));
        var parameters = new List<string> { "count=3", "attributes=userName" };
        if (sorted)
        {
            body["sortBy"] = "userName";
            parameters.Insert(0, "sortBy=userName");
        }
        if (index)
        {
            body["startIndex"] = 1;
            parameters.Insert(0, "startIndex=1");
        }
        var get = await ListAsync(userType, FilterQuery(cohort.Filter, string.Join("&", parameters)));
        if (get.Response.Status != 200)
            throw new PrerequisiteException($"{get.Summary}: the GET form of the query failed, so there is nothing to compare with (see the filter and pagination suites)");
        var post = new ListPage(await SearchAsync(userType, body));
        Expect.Status(post.Response, 200, "a SearchRequest that the GET form answers is a valid query (RFC 7644 §3.4.3)");

        var problems = new List<string>();
        if (post.TotalResults != get.TotalResults)
            problems.Add($"totalResults {ScimJson.Describe(post.Body?.Member("totalResults"))} by POST, {ScimJson.Describe(get.Body?.Member("totalResults"))} by GET");
        var sameIds = sorted ? post.Ids.SequenceEqual(get.Ids) : post.Ids.ToHashSet().SetEquals(get.Ids) && post.Ids.Count == get.Ids.Count;
        if (!sameIds)
            problems.Add($"users {cohort.Words(post.Ids)} by POST, {cohort.Words(get.Ids)} by GET");
        var byId = get.Resources.Where(r => r.StringMember("id") is not null).GroupBy(r => r.StringMember("id")!).ToDictionary(g => g.Key, g => g.First());
        foreach (var resource in post.Resources)
        {
            if (resource.StringMember("id") is not { } id || !byId.TryGetValue(id, out var other))
                continue;
            var posted = Members(resource);
            var got = Members(other);
            if (!posted.SetEquals(got))
                problems.Add($"{cohort.Words([id])}: attributes {ScimJson.List(posted.Order(StringComparer.OrdinalIgnoreCase))} by POST, {ScimJson.List(got.Order(StringComparer.OrdinalIgnoreCase))} by GET");
            else if (resource.StringMember("userName") != other.StringMember("userName"))
                problems.Add($"{cohort.Words([id])}: userName {ScimJson.Describe(resource.Member("userName"))} by POST, {ScimJson.Describe(other.Member("userName"))} by GET");
        }
        Expect.NoProblems(problems, "the search did not return what the equivalent GET returns",
            $"the same totalResults, users{(sorted ? " in the same order" : "")} and attributes as {get.Response.Exchange.Url}");
    }

    [Check("search.attribute-arrays", "attributes and excludedAttributes are JSON arrays in a SearchRequest",
        References = ["RFC7644 §3.4.3"], Rows = ["RFC7644-3.4.3-SEARCH-ARRAYS"], Tags = ["search", "attributes"],
        Requirement = "In a SearchRequest body, `attributes` and `excludedAttributes` are arrays of strings, and are honoured: over the check's two users, each with an email, \"attributes\": [\"userName\"] and \"excludedAttributes\": [\"emails\"] each answer 200 with both users, their userName, and no emails.")]
    public async Task AttributeArrays()
    {
        var userType = await UserTypeAsync();
        await RequireCapabilityAsync("filter.supported");
        var schema = (await DiscoveryAsync()).Schema(ScimUrns.User);
        if ((schema?.Member("attributes") as JsonArray ?? []).OfType<JsonObject>().All(a => !string.Equals(a.StringMember("name"), "emails", StringComparison.OrdinalIgnoreCase)))
            throw new NotApplicableException("the server's User schema has no emails attribute to leave out");
        await RequireSearchAsync(userType);
        var cohort = await CreateCohortAsync(userType, ["Alice", "bjensen"], body =>
            body["emails"] = new JsonArray(new JsonObject { ["value"] = $"{body.StringMember("userName")}@example.com".ToLowerInvariant(), ["type"] = "work", ["primary"] = true }));

        var problems = new List<string>();
        foreach (var (member, value) in new[] { ("attributes", "userName"), ("excludedAttributes", "emails") })
        {
            var page = new ListPage(await SearchAsync(userType, SearchRequest(("filter", cohort.Filter), (member, new JsonArray(value)))));
            var label = $"\"{member}\": [\"{value}\"]";
            if (page.Response.Status != 200)
            {
                problems.Add($"{label}: {page.Response.Summary}{ErrorReplies.DetailHint(page.Response)}");
                continue;
            }
            var ids = cohort.Members.Select(m => m.StringMember("id")!).ToHashSet();
            var ours = page.Resources.Where(r => r.StringMember("id") is { } id && ids.Contains(id)).ToList();
            if (ours.Count != ids.Count)
                problems.Add($"{label}: {ours.Count} of the {ids.Count} users came back");
            foreach (var resource in ours)
            {
                var who = cohort.Words([resource.StringMember("id")!]);
                if (resource.StringMember("userName") is null)
                    problems.Add($"{label}: {who} without userName");
                if (resource.Member("emails") is not null)
                    problems.Add($"{label}: {who} with emails");
            }
        }
        Expect.NoProblems(problems, "attributes given as JSON arrays in a SearchRequest were not honoured",
            "HTTP 200 with both users, their userName and no emails, for each of the two requests");
    }

    [Check("search.invalid-filter", "A malformed filter in a SearchRequest is refused with 400 invalidFilter",
        Effect = TargetEffect.ReadsOnly, References = ["RFC7644 §3.4.3", "RFC7644 §3.12"], Rows = ["RFC7644-3.4.3-SEARCH-INVALIDFILTER", "RFC7644-3.12-ERR-SCIMTYPE-OPTIONAL"], Tags = ["search", "errors"],
        Requirement = "A SearchRequest whose filter breaks the grammar (\"userName eq\", no comparison value) is answered 400 with scimType invalidFilter, as the same filter in a GET would be — never 500, never a page.")]
    public async Task InvalidFilter()
    {
        var userType = await UserTypeAsync();
        await RequireCapabilityAsync("filter.supported");
        await RequireSearchAsync(userType);
        var response = await SearchAsync(userType, SearchRequest(("filter", "userName eq")));
        Expect.That(response.Status == 400, "a malformed filter in a SearchRequest was not refused with 400",
            "HTTP 400 with scimType invalidFilter",
            response.Status == 200 ? $"{new ListPage(response).Summary}: the filter was taken as valid" : $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        var scimType = response.JsonObject?.Member("scimType");
        Expect.That(scimType is null || (scimType.IsString() && scimType.GetValue<string>() == "invalidFilter"),
            $"{response.Summary} names another kind of error than invalidFilter", "`scimType` \"invalidFilter\"", $"`scimType` is {ScimJson.Describe(scimType)}",
            ErrorReplies.KeywordLevel());
        Expect.That(scimType is not null, $"{response.Summary} gives no `scimType`; Table 9 defines invalidFilter for this mistake (the member is optional)",
            "`scimType` \"invalidFilter\"", "no `scimType` in the 400 body", LevelOf("RFC7644-3.12-ERR-SCIMTYPE-OPTIONAL"));
    }

    [Check("search.cursor", "A SearchRequest can page with RFC 9865 cursors",
        References = ["RFC9865 (querying with POST)", "RFC9865 (response attributes)", "RFC7644 §3.4.3"], Rows = ["RFC9865-3-SEARCH-CURSOR", "RFC9865-2-NEXTCURSOR", "RFC7644-3.4.3-SEARCH-RESPONSE"], Tags = ["search", "pagination", "cursor", "rfc9865"],
        Requirement = "With cursor pagination advertised, `cursor` and `count` work in a SearchRequest body as in a query string: \"cursor\": \"\" with count 2 over the check's five users returns a first page with a nextCursor, and following each nextCursor in the body returns every user exactly once, the last page without nextCursor.")]
    public async Task Cursor()
    {
        var userType = await UserTypeAsync();
        await RequireCapabilityAsync("pagination.cursor");
        await RequireCapabilityAsync("filter.supported");
        await RequireSearchAsync(userType);
        var sorted = (await DiscoveryAsync()).ServiceProviderConfig.Path("sort.supported").IsTrue();
        var cohort = await CreateCohortAsync(userType, ["Alice", "bjensen", "carol", "dmitri", "Zed"]);

        var pages = new List<ListPage>();
        var cursor = "";
        while (pages.Count < 10)
        {
            var body = SearchRequest(("filter", cohort.Filter), ("count", 2), ("cursor", cursor));
            if (sorted)
                body["sortBy"] = "userName";
            var page = new ListPage(await SearchAsync(userType, body));
            Expect.Status(page.Response, 200, pages.Count == 0
                ? "RFC 9865: an empty cursor in a SearchRequest asks for the first page"
                : "RFC 9865: a nextCursor the server returned fetches the next page, in a SearchRequest too");
            pages.Add(page);
            if (page.Body?.Member("nextCursor") is null)
                break;
            cursor = page.NextCursor ?? throw Expect.Violation($"{page.Summary}: `nextCursor` is not a string",
                "a cursor string, or no nextCursor on the last page", ScimJson.Describe(page.Body?.Member("nextCursor")));
        }

        var problems = new List<string>();
        var walk = string.Join("; ", pages.Select((p, i) => $"page {i + 1}: {(p.Ids.Count == 0 ? "empty" : cohort.Words(p.Ids))}{(p.Body?.Member("nextCursor") is not null ? " + nextCursor" : "")}"));
        if (pages[0].Body?.Member("nextCursor") is null)
            problems.Add($"the first page carries no nextCursor although it holds {pages[0].Resources.Count} of {cohort.Members.Count} users");
        var walked = pages.SelectMany(p => p.Ids).ToList();
        var ids = cohort.Members.Select(m => m.StringMember("id")!).ToHashSet();
        var duplicates = walked.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            problems.Add($"returned more than once: {cohort.Words(duplicates)}");
        var missing = ids.Where(id => !walked.Contains(id)).ToList();
        if (missing.Count > 0)
            problems.Add($"never returned: {cohort.Words(missing)}");
        problems.AddRange(pages.Where(p => p.Resources.Count > 2).Select(p => $"{p.Summary}: {p.Resources.Count} resources for count 2"));
        if (pages[^1].Body?.Member("nextCursor") is not null)
            problems.Add($"the walk did not end within {pages.Count} pages");
        Expect.NoProblems(problems, $"cursor pagination through POST /{SearchPath(userType)} did not visit each user exactly once ({walk})",
            $"a first page with nextCursor, then each of the {cohort.Members.Count} users exactly once in pages of at most 2, the last without nextCursor");
    }

    [Check("search.root", "POST {base}/.search searches every resource type at once",
        References = ["RFC7644 §3.4.3", "RFC7644 §3.4.2.1"], Rows = ["RFC7644-3.4.3-SEARCH-ROOT", "RFC7644-3.4.2.1-UNDEFINED-ATTR"], Tags = ["search", "root"],
        Requirement = "Clients MAY search the server root with POST {base}/.search, across resource types: a SearchRequest with the filter `userName sw \"{cohort}-\"` is answered 200 with exactly the check's two users — not the check's group (when the server has Groups), whose displayName carries the same prefix but which has no userName. A root search that is not served is recorded as Info; one that is served with other results fails.")]
    public async Task Root()
    {
        var userType = await UserTypeAsync();
        await RequireCapabilityAsync("filter.supported");
        await RequireSearchAsync(userType);
        var cohort = await CreateCohortAsync(userType, ["Alice", "bjensen"]);
        string? groupId = null;
        if ((await DiscoveryAsync()).ResourceTypeBySchema(ScimUrns.Group) is { } groupType)
        {
            var group = await Resources.MinimalAsync(groupType);
            group["displayName"] = $"{cohort.Prefix}-Tour Guides";
            groupId = (await Resources.CreateOrSkipAsync(groupType, group)).StringMember("id");
        }

        var response = await Scim.PostAsync(".search", SearchRequest(("filter", cohort.Filter)));
        Expect.That(Served(response), "POST /.search on the server root is not served: clients cannot search every resource type at once, which RFC 7644 §3.4.3 leaves optional",
            "HTTP 200 with a ListResponse", $"{response.Summary}{ErrorReplies.DetailHint(response)}");
        var page = new ListPage(response);
        var ids = cohort.Members.Select(m => m.StringMember("id")!).ToHashSet();
        var problems = new List<string>();
        var missing = ids.Where(id => !page.Ids.Contains(id)).ToList();
        if (missing.Count > 0)
            problems.Add($"missing: {cohort.Words(missing)}");
        if (groupId is not null && page.Ids.Contains(groupId))
            problems.Add("the check's group (it has no userName, so the filter cannot match it)");
        var foreign = page.Ids.Where(id => !ids.Contains(id) && id != groupId).Distinct().ToList();
        if (foreign.Count > 0)
            problems.Add($"{foreign.Count} resource(s) outside the check's own");
        Expect.NoProblems(problems, $"POST /.search on the server root did not return exactly the matching resources ({page.Summary})",
            $"the check's users {cohort.Words(ids)} and nothing else{(groupId is null ? "" : ", not the group named with the same prefix")}", LevelOf("RFC7644-3.4.2.1-UNDEFINED-ATTR"));
    }

    [Check("search.request-urn", "A /.search body without the SearchRequest URN is refused",
        References = ["RFC7644 §3.4.3", "RFC7644 §3.12"], Rows = ["RFC7644-3.4.3-SEARCH-REQUEST-URN"], Tags = ["search", "errors"],
        Requirement = "A SearchRequest identifies itself by its schema URN, which clients send (every other search check does). Records how the server treats a body that omits it: POST /Users/.search with the check's filter but no `schemas` is refused with 400 (invalidSyntax fits); answering it like a valid SearchRequest is recorded as Info, not as a violation.")]
    public async Task RequestUrn()
    {
        var userType = await UserTypeAsync();
        await RequireCapabilityAsync("filter.supported");
        await RequireSearchAsync(userType);
        var cohort = await CreateCohortAsync(userType, ["Alice"]);
        var response = await SearchAsync(userType, new JsonObject { ["filter"] = cohort.Filter });
        Expect.That(response.Status == 400, "a /.search body without the SearchRequest URN was not refused: the server takes any body for a SearchRequest",
            "HTTP 400 (scimType invalidSyntax fits) for a body whose schemas does not list " + ScimUrns.SearchRequest,
            response.Status == 200 ? $"{new ListPage(response).Summary}: answered as a SearchRequest" : $"{response.Summary}{ErrorReplies.DetailHint(response)}");
    }

    /// <summary>The member names of a resource, compared ignoring case (RFC 7643 §2.1) but shown as sent.</summary>
    private static HashSet<string> Members(JsonObject resource) =>
        resource.Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
