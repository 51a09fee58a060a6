using System.Text.Json.Nodes;
using Scim.Conformance.Suites.Kit;

namespace Scim.Conformance.Suites.Retrieval;

/// <summary>RFC 7644 §3.4.2: the ListResponse message every resource endpoint answers a query with. The checks
/// work on a tenant that already holds data: they never assume an empty server or an exact total, read small pages
/// (count=1 or a few), and judge the page's shape. Where a non-empty or partial page must be certain, they create
/// the resources themselves (under the run prefix; deleted afterwards). Without filtering, one page is judged per
/// resource type the server exposes.</summary>
[TargetEffect(TargetEffect.Writes)]
public sealed class ListResponseChecks : RetrievalCheck
{
    [Check("retrieval.list.schema", "List responses are identified by the ListResponse URN alone",
        Effect = TargetEffect.ReadsOnly, References = ["RFC7644 §3.4.2"], Rows = ["RFC7644-3.4.2-LIST-SCHEMA"], Tags = ["list"],
        Requirement = $"A query response is identified by its schema: for every resource type, GET {{endpoint}}?count=1 answers with `schemas` exactly [\"{ScimUrns.ListResponse}\"]. Reads only.")]
    public async Task Schema()
    {
        var problems = new List<string>();
        foreach (var (_, response, body) in await FirstPagesAsync())
        {
            var schemas = body.Member("schemas");
            var values = body.StringArray("schemas");
            if (values is not [ScimUrns.ListResponse])
                problems.Add($"{response.Summary}: `schemas` is {ScimJson.Describe(schemas)}");
        }
        Expect.NoProblems(problems, "a list response is not identified by the ListResponse schema",
            $"`schemas`: [\"{ScimUrns.ListResponse}\"] on every list response");
    }

    [Check("retrieval.list.total-results", "List responses carry totalResults, at least the number of resources returned",
        References = ["RFC7644 §3.4.2"], Rows = ["RFC7644-3.4.2-TOTALRESULTS"], Tags = ["list"],
        Requirement = "Every list response has `totalResults`, a non-negative integer no smaller than the number of resources on the page, and at least 1 on an endpoint where the check has just created a resource. For every resource type: one minimal resource created under the run prefix, then GET {endpoint}?count=1.")]
    public async Task TotalResults()
    {
        var problems = new List<string>();
        foreach (var (_, response, body, createdOne) in await PagesAfterCreatingOneAsync())
        {
            var total = body.Member("totalResults");
            var returned = (body.Member("Resources") as JsonArray)?.Count ?? 0;
            if (!total.IsInteger())
                problems.Add($"{response.Summary}: `totalResults` is {ScimJson.Describe(total)}");
            else if (total!.GetValue<long>() < Math.Max(returned, createdOne ? 1 : 0))
                problems.Add($"{response.Summary}: `totalResults` is {total.GetValue<long>()} with {returned} resource(s) on the page{(createdOne ? " and one just created" : "")}");
        }
        Expect.NoProblems(problems, "a list response does not say how many resources match",
            "`totalResults`: an integer ≥ the resources on the page (≥ 1 where a resource was just created)");
    }

    [Check("retrieval.list.resources", "A non-empty page holds its resources in an array named Resources",
        References = ["RFC7644 §3.4.2"], Rows = ["RFC7644-3.4.2-RESOURCES"], Tags = ["list"],
        Requirement = "When resources match and the page is not empty, the list response holds them in `Resources` (spelled exactly so: clients look it up case-sensitively), a JSON array of resource objects. For every resource type: one minimal resource created under the run prefix, then GET {endpoint}?count=1 must carry one resource in `Resources`.")]
    public async Task ResourcesMember()
    {
        var problems = new List<string>();
        foreach (var (_, response, body, createdOne) in await PagesAfterCreatingOneAsync())
        {
            var misspelt = body.Select(p => p.Key).FirstOrDefault(k => k != "Resources" && ResourceShape.Is(k, "Resources"));
            if (!body.TryGetPropertyValue("Resources", out var resources))
            {
                if (misspelt is not null)
                    problems.Add($"{response.Summary}: the resources are under `{misspelt}`, not `Resources`");
                else if (createdOne || (body.Member("totalResults").IsInteger() && body.Member("totalResults")!.GetValue<long>() > 0))
                    problems.Add($"{response.Summary}: no `Resources` although resources match");
                continue;
            }
            if (resources is not JsonArray items)
                problems.Add($"{response.Summary}: `Resources` is {ScimJson.Describe(resources)}");
            else if (items.Count == 0 && createdOne)
                problems.Add($"{response.Summary}: `Resources` is empty although a resource was just created and count=1 asks for one");
            else if (items.Any(i => i is not JsonObject))
                problems.Add($"{response.Summary}: `Resources` holds something other than resource objects");
        }
        Expect.NoProblems(problems, "a list response does not carry its resources in a `Resources` array",
            "`Resources`: an array holding the page's resources, on every page where resources match");
    }

    [Check("retrieval.list.paged-fields", "A partial page says where it starts and how many resources it holds",
        References = ["RFC7644 §3.4.2", "RFC7644 §3.4.2.4"], Rows = ["RFC7644-3.4.2-PAGED-FIELDS", "RFC7644-3.4.2.4-ITEMSPERPAGE"], Tags = ["list", "pagination"],
        Requirement = "When only part of the results is returned, `startIndex` (the 1-based index of the first resource returned) and `itemsPerPage` (the number of resources returned on this page) are present. For every resource type: two minimal resources created under the run prefix; GET {endpoint}?count=1 must carry startIndex 1 and itemsPerPage 1, and the last page, GET {endpoint}?startIndex={totalResults}&count=100 (at most the advertised maxResults), startIndex {totalResults} and itemsPerPage equal to the resources it holds.")]
    public async Task PagedFields()
    {
        var problems = new List<string>();
        var judged = 0;
        foreach (var type in await ResourceTypesAsync())
        {
            if (type.StringMember("endpoint") is null)
                continue;
            for (var i = 0; i < 2; i++)
                await Resources.CreateMinimalAsync(type);
            var endpoint = ResourceFactory.EndpointOf(type).TrimStart('/');
            var first = await Scim.GetAsync($"{endpoint}?count=1");
            if (first.Status != 200 || first.JsonObject is not { } body)
                continue; // discovery.resource-types.endpoint-live judges an endpoint that does not list
            var total = body.Member("totalResults");
            if (!total.IsInteger() || total!.GetValue<long>() <= ((body.Member("Resources") as JsonArray)?.Count ?? 0))
                continue; // not a partial page: nothing to judge here (totalResults and count are other checks' concern)
            judged++;
            Judge(first, body, 1, problems);

            // The last page, asked for with a count far above what is left: it holds fewer resources than asked for
            // even when other clients (or the run's other checks) add a few meanwhile, so the verdict does not
            // depend on what else the server was doing. Capped at the advertised maxResults.
            var last = total.GetValue<long>();
            var tail = await Scim.GetAsync($"{endpoint}?startIndex={last}&count={await TailCountAsync()}");
            if (tail.Status != 200 || tail.JsonObject is not { } tailBody)
                problems.Add($"{tail.Summary}: the last page could not be read");
            else
                Judge(tail, tailBody, last, problems);
        }
        if (judged == 0)
        {
            if ((await DiscoveryAsync()).ServiceProviderConfig.Path("pagination.index") is { } index && index.IsBoolean() && !index.IsTrue())
                throw new NotApplicableException("the ServiceProviderConfig says pagination.index is false, and no endpoint returned a partial page");
            throw new PrerequisiteException("no endpoint returned a partial page for count=1 although two resources were created (see the pagination suite)");
        }
        Expect.NoProblems(problems, "a partial page does not say where it starts or how many resources it holds",
            "`startIndex` equal to the index asked for (1 by default) and `itemsPerPage` equal to the number of resources in `Resources`, on every partial page");
    }

    private async Task<long> TailCountAsync()
    {
        var maxResults = (await DiscoveryAsync()).ServiceProviderConfigOrNull?.Path("filter.maxResults");
        return maxResults.IsInteger() && maxResults!.GetValue<long>() is > 1 and var advertised ? Math.Min(advertised, 100) : 100;
    }

    private static void Judge(ScimResponse response, JsonObject body, long expectedStart, List<string> problems)
    {
        var returned = (body.Member("Resources") as JsonArray)?.Count ?? 0;
        var start = body.Member("startIndex");
        var perPage = body.Member("itemsPerPage");
        if (returned == 0)
        {
            // Resources deleted meanwhile by someone else moved the end before startIndex: an empty page is no
            // partial result, so only an itemsPerPage that is given must still count what the page holds.
            if (perPage is not null && (!perPage.IsInteger() || perPage.GetValue<long>() != 0))
                problems.Add($"{response.Summary}: `itemsPerPage` is {ScimJson.Describe(perPage)} but the page holds no resource");
            return;
        }
        if (!start.IsInteger())
            problems.Add($"{response.Summary}: `startIndex` is {ScimJson.Describe(start)}");
        else if (start!.GetValue<long>() != expectedStart)
            problems.Add($"{response.Summary}: `startIndex` is {start.GetValue<long>()}, not {expectedStart}");
        if (!perPage.IsInteger())
            problems.Add($"{response.Summary}: `itemsPerPage` is {ScimJson.Describe(perPage)}");
        else if (perPage!.GetValue<long>() != returned)
            problems.Add($"{response.Summary}: `itemsPerPage` is {perPage.GetValue<long>()} but the page holds {returned} resource(s)");
    }

    /// <summary>GET {endpoint}?count=1 for every resource type; endpoints that do not answer 200 with a JSON object
    /// are left to discovery.resource-types.endpoint-live.</summary>
    private async Task<List<(JsonObject Type, ScimResponse Response, JsonObject Body)>> FirstPagesAsync()
    {
        var pages = new List<(JsonObject, ScimResponse, JsonObject)>();
        foreach (var type in await ResourceTypesAsync())
        {
            if (type.StringMember("endpoint") is null)
                continue;
            var response = await Scim.GetAsync($"{ResourceFactory.EndpointOf(type).TrimStart('/')}?count=1");
            if (response.Status == 200 && response.JsonObject is { } body)
                pages.Add((type, response, body));
        }
        return pages.Count > 0 ? pages
            : throw new PrerequisiteException("no resource endpoint answered GET ?count=1 with a JSON object (see discovery.resource-types.endpoint-live)");
    }

    /// <summary>For every resource type: creates one minimal resource, then reads GET {endpoint}?count=1.
    /// CreatedOne says whether it was created (a type that refuses minimal resources is still read).</summary>
    private async Task<List<(JsonObject Type, ScimResponse Response, JsonObject Body, bool CreatedOne)>> PagesAfterCreatingOneAsync()
    {
        var pages = new List<(JsonObject, ScimResponse, JsonObject, bool)>();
        foreach (var type in await ResourceTypesAsync())
        {
            if (type.StringMember("endpoint") is null)
                continue;
            var created = await Resources.CreateMinimalAsync(type);
            var page = await Scim.GetAsync($"{ResourceFactory.EndpointOf(type).TrimStart('/')}?count=1");
            if (page.Status == 200 && page.JsonObject is { } body)
                pages.Add((type, page, body, created.Status is >= 200 and < 300));
        }
        return pages.Count > 0 ? pages
            : throw new PrerequisiteException("no resource endpoint answered GET ?count=1 with a JSON object (see discovery.resource-types.endpoint-live)");
    }
}
