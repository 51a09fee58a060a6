using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static Scim.Conformance.Tests.ReferenceServer.QueryData;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// Targeted proof that the query faults (filter, sort, paging, cursor, search) do what their descriptions say, on the
/// <see cref="QueryData"/>, for those whose behaviour has more to it than one flipped value. Each test also shows the
/// correct answer is unchanged elsewhere where that matters.
/// </summary>
public class QueryFaultBehaviourTests : IDisposable
{
    private readonly HttpClient http = new();

    public void Dispose()
    {
        http.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("filter-eq-as-contains", "userName eq \"q-\"", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("filter-ne-as-eq", "userType ne \"Intern\"", new[] { "q-Bob" })]
    [InlineData("filter-co-as-sw", "userName co \"ali\"", new string[0])]
    [InlineData("filter-sw-excludes-equal", "userName sw \"q-bob\"", new string[0])]
    [InlineData("filter-ew-as-sw", "userName ew \"q-\"", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("filter-pr-always-true", "title pr", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("filter-ordering-inverted", "title gt \"Tour Guide\"", new[] { "q-Zed" })]
    [InlineData("filter-orders-booleans", "active gt false", new[] { "q-alice" })]
    [InlineData("filter-orders-booleans", "active lt true", new[] { "q-Bob" })]
    [InlineData("filter-orders-booleans", "active ge false", new[] { "q-alice", "q-Bob" })]
    [InlineData("filter-orders-booleans", "active gt true", new string[0])]
    [InlineData("filter-and-as-or", "userType eq \"Intern\" and title eq \"alpha\"", new[] { "q-Bob", "q-Zed" })]
    [InlineData("filter-or-as-and", "userType eq \"Employee\" or title eq \"alpha\"", new[] { "q-Zed" })]
    [InlineData("filter-not-ignored", "not (userType eq \"Employee\")", new[] { "q-alice", "q-Zed" })]
    [InlineData("filter-parentheses-ignored", "(userType eq \"Intern\" or userType eq \"Employee\") and title pr", new[] { "q-alice", "q-Bob", "q-Zed" })]
    [InlineData("filter-left-to-right", "userType eq \"Intern\" or userType eq \"Employee\" and title eq \"alpha\"", new[] { "q-Zed" })]
    [InlineData("filter-left-to-right", "userType eq \"Intern\" or (userType eq \"Employee\" and title eq \"alpha\")", new[] { "q-Bob", "q-Zed" })]
    [InlineData("filter-value-path-across-values", "emails[type eq \"work\" and value ew \".org\"]", new[] { "q-alice" })]
    [InlineData("filter-primary-value-only", "emails.value eq \"alice@example.com\"", new string[0])]
    [InlineData("filter-primary-value-only", "emails.value eq \"carol@example.org\"", new[] { "q-carol" })]
    [InlineData("filter-extension-paths-unmatched", EnterpriseUrn + ":employeeNumber eq \"701\"", new string[0])]
    [InlineData("filter-case-sensitive", "userName eq \"q-bob\"", new string[0])]
    [InlineData("filter-case-insensitive-always", "externalId eq \"EXT-a\"", new[] { "q-alice" })]
    [InlineData("filter-accepts-unquoted", "userName eq q-Zed", new[] { "q-Zed" })]
    [InlineData("filter-unknown-operator-ignored", "userName regex \"x\" and title pr", new[] { "q-alice", "q-carol", "q-Zed" })]
    [InlineData("filter-trailing-garbage-ignored", "userName eq \"q-Zed\" and", new[] { "q-Zed" })]
    [InlineData("filter-trailing-garbage-ignored", "userName eq \"q-Zed\" xor title pr", new[] { "q-Zed" })]
    [InlineData("filter-ignored", "userName eq \"nobody\"", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("filter-ignored-on-groups", "userName eq \"q-Bob\"", new[] { "q-Bob" })]
    public async Task Filter_faults_change_the_matches(string fault, string filter, string[] expected)
    {
        await WithServer(fault, async client =>
        {
            var reply = (await client.GetAsync("/Users" + Filter(filter))).AssertStatus(HttpStatusCode.OK);
            Assert.Equal(expected, Names(reply));
        });
    }

    [Theory]
    [InlineData("filter-sub-attributes-unsupported", "name.familyName eq \"Alpha\"")]
    [InlineData("filter-urn-paths-unsupported", UserUrn + ":userName eq \"q-alice\"")]
    [InlineData("filter-attribute-names-case-sensitive", "USERNAME eq \"q-alice\"")]
    [InlineData("filter-attribute-names-case-sensitive", "name.FamilyName eq \"Alpha\"")]
    [InlineData("filter-operators-lowercase-only", "userName EQ \"q-alice\"")]
    [InlineData("filter-operators-lowercase-only", "title PR")]
    [InlineData("filter-operators-lowercase-only", "title pr AND userName eq \"q-alice\"")]
    public async Task Filter_faults_refuse_what_is_valid(string fault, string filter)
    {
        await WithServer(fault, async client =>
        {
            (await client.GetAsync("/Users" + Filter(filter))).AssertScimError(HttpStatusCode.BadRequest, "invalidFilter");
            (await client.GetAsync("/Users" + Filter("userName eq \"q-alice\" and title pr"))).AssertStatus(HttpStatusCode.OK);
        });
    }

    [Fact]
    public async Task Filter_faults_that_are_narrow_leave_the_rest_alone()
    {
        await WithServer("filter-urn-paths-unsupported", async client =>
            Assert.Equal(["q-alice"], Names((await client.GetAsync("/Users" + Filter(EnterpriseUrn + ":employeeNumber eq \"701\""))).AssertStatus(HttpStatusCode.OK))));
        await WithServer("filter-ignored-on-groups", async client =>
            Assert.Equal(["Tour Guides", "Nobody"], Labels((await client.GetAsync("/Groups" + Filter("displayName eq \"Nobody\""))).AssertStatus(HttpStatusCode.OK))));
        await WithServer("filter-no-match-404", async client =>
        {
            (await client.GetAsync("/Users" + Filter("userName eq \"nobody\""))).AssertScimError(HttpStatusCode.NotFound);
            (await client.GetAsync("/Agents")).AssertStatus(HttpStatusCode.OK);
        });
    }

    [Theory]
    [InlineData("sort-ignored", "sortBy=userName&sortOrder=descending", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("sort-default-descending", "sortBy=userName", new[] { "q-Zed", "q-carol", "q-Bob", "q-alice" })]
    [InlineData("sort-default-descending", "sortBy=userName&sortOrder=ascending", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("sort-order-ignored", "sortBy=userName&sortOrder=descending", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("sort-case-sensitive", "sortBy=userName", new[] { "q-Bob", "q-Zed", "q-alice", "q-carol" })]
    [InlineData("sort-missing-first", "sortBy=title", new[] { "q-Bob", "q-Zed", "q-carol", "q-alice" })]
    [InlineData("sort-missing-first", "sortBy=title&sortOrder=descending", new[] { "q-alice", "q-carol", "q-Zed", "q-Bob" })]
    [InlineData("sort-after-paging", "sortBy=userName&sortOrder=descending&count=2", new[] { "q-Bob", "q-alice" })]
    [InlineData("sort-attribute-name-case-sensitive", "sortBy=USERNAME&sortOrder=descending", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("sort-attribute-name-case-sensitive", "sortBy=userName&sortOrder=descending", new[] { "q-Zed", "q-carol", "q-Bob", "q-alice" })]
    public async Task Sort_faults_change_the_order(string fault, string query, string[] expected)
    {
        await WithServer(fault, async client => Assert.Equal(expected, Names((await client.GetAsync("/Users?" + query)).AssertStatus(HttpStatusCode.OK))));
    }

    [Fact]
    public async Task Multi_valued_by_last_uses_the_last_value()
    {
        await WithServer("sort-multi-valued-by-last", async client =>
        {
            // Every seeded user's last email sorts where its primary does, so add one whose primary sorts last and last value first.
            (await client.PostAsync("/Users", $$"""
                {"schemas":["{{UserUrn}}"],"userName":"q-last","emails":[{"value":"zz@example.com","primary":true},{"value":"aa@example.com"}]}
                """)).AssertStatus(HttpStatusCode.Created);
            Assert.Equal(["q-last", "q-Bob", "q-carol", "q-alice", "q-Zed"], Names((await client.GetAsync("/Users?sortBy=emails.value")).AssertStatus(HttpStatusCode.OK)));
        });
    }

    [Fact]
    public async Task Sort_sub_attributes_unsupported_refuses_a_dotted_sort_by()
    {
        await WithServer("sort-sub-attributes-unsupported", async client =>
        {
            (await client.GetAsync("/Users?sortBy=name.familyName")).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
            (await client.GetAsync($"/Users?sortBy={UserUrn}:userName")).AssertStatus(HttpStatusCode.OK);
        });
    }

    [Theory]
    [InlineData("paging-zero-based", "startIndex=1&count=2", 200, new[] { "q-Bob", "q-carol" }, 4)]
    [InlineData("paging-zero-based", "count=1", 200, new[] { "q-Bob" }, 4)]
    [InlineData("paging-count-plus-one", "startIndex=2&count=2", 200, new[] { "q-Bob", "q-carol", "q-Zed" }, 4)]
    [InlineData("paging-count-zero-ignored", "count=0", 200, new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" }, 4)]
    [InlineData("paging-count-zero-ignored", "count=-1", 200, new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" }, 4)]
    [InlineData("total-results-is-page-size", "startIndex=2&count=2", 200, new[] { "q-Bob", "q-carol" }, 2)]
    [InlineData("paging-overlaps", "startIndex=3&count=2", 200, new[] { "q-Bob", "q-carol" }, 4)]
    [InlineData("paging-overlaps", "startIndex=1&count=2", 200, new[] { "q-alice", "q-Bob" }, 4)]
    [InlineData("paging-beyond-end-returns-last-page", "startIndex=100&count=3", 200, new[] { "q-Bob", "q-carol", "q-Zed" }, 4)]
    [InlineData("paging-rejects-start-index-below-one", "startIndex=0", 400, new string[0], 0)]
    [InlineData("paging-rejects-start-index-below-one", "startIndex=1&count=1", 200, new[] { "q-alice" }, 4)]
    public async Task Paging_faults_change_the_page(string fault, string query, int status, string[] expected, int totalResults)
    {
        await WithServer(fault, async client =>
        {
            var reply = await client.GetAsync("/Users?" + query);
            Assert.Equal(status, reply.StatusCode);
            if (status != 200)
                return;
            Assert.Equal(expected, Names(reply));
            Assert.Equal(totalResults, reply.Json["totalResults"]!.GetValue<int>());
        });
    }

    [Fact]
    public async Task Cursor_walk_faults_break_the_walk_each_in_its_own_way()
    {
        await WithServer("cursor-first-page-has-previous", async client =>
        {
            var first = await Get(client, "count=2&cursor");
            var back = await Get(client, $"count=2&cursor={first.Json["previousCursor"]}");
            Assert.Equal(Names(first), Names(back));
        });
        await WithServer("cursor-skips-a-result", async client =>
        {
            var first = await Get(client, "count=1&cursor");
            var second = await Get(client, $"count=1&cursor={first.Json["nextCursor"]}");
            Assert.Equal(["q-alice", "q-carol"], [.. Names(first), .. Names(second)]);
        });
        await WithServer("cursor-last-page-has-next", async client =>
        {
            var only = await Get(client, "count=10&cursor");
            var after = await Get(client, $"count=10&cursor={only.Json["nextCursor"]}");
            Assert.Equal(4, Names(only).Length);
            Assert.Empty(after.Resources);
            Assert.Null(after.Json["nextCursor"]);
        });
        await WithServer("cursor-count-zero-ignored", async client =>
        {
            Assert.Equal(4, Names(await Get(client, "count=0&cursor")).Length);
            Assert.Empty((await Get(client, "count=0")).Resources);
        });
    }

    [Fact]
    public async Task Cursor_check_faults_accept_what_should_be_refused()
    {
        await WithServer("cursor-not-verified", async client =>
        {
            var issued = (await Get(client, "count=1&cursor")).Json["nextCursor"]!.GetValue<string>();
            Assert.Equal(["q-Bob"], Names(await Get(client, $"count=1&cursor={issued}")));
            Assert.Equal(["q-alice"], Names(await Get(client, "count=1&cursor=forged")));
            // Issued for another query (no sortBy), so it is taken as the start of this one.
            Assert.Equal(["q-Zed"], Names(await Get(client, $"count=1&sortBy=title&cursor={issued}")));
            (await client.GetAsync($"/Users?count=2&cursor={issued}")).AssertScimError(HttpStatusCode.BadRequest, "invalidCount");
        });
        await WithServer("cursor-count-change-accepted", async client =>
        {
            var issued = (await Get(client, "count=1&cursor")).Json["nextCursor"]!.GetValue<string>();
            Assert.Equal(["q-Bob", "q-carol"], Names(await Get(client, $"count=2&cursor={issued}")));
            (await client.GetAsync("/Users?count=1&cursor=forged")).AssertScimError(HttpStatusCode.BadRequest, "invalidCursor");
        });
    }

    [Fact]
    public async Task Cursor_max_page_size_ignored_advertises_a_small_cap_that_only_index_pages_keep()
    {
        await WithServer("cursor-max-page-size-ignored", async client =>
        {
            var configuration = (await client.GetAsync("/ServiceProviderConfig")).Json;
            Assert.Equal((2, 2, 2), (configuration["pagination"]!["maxPageSize"]!.GetValue<int>(),
                configuration["pagination"]!["defaultPageSize"]!.GetValue<int>(), configuration["filter"]!["maxResults"]!.GetValue<int>()));
            Assert.Equal(2, Names(await Get(client, "count=3")).Length);
            Assert.Equal(2, Names(await Get(client, "")).Length);
            Assert.Equal(3, Names(await Get(client, "count=3&cursor")).Length);
        });
    }

    [Fact]
    public async Task Cursor_default_method_mismatch_pages_by_cursor_without_being_asked()
    {
        await WithServer("cursor-default-method-mismatch", async client =>
        {
            var configuration = (await client.GetAsync("/ServiceProviderConfig")).Json;
            Assert.Equal("index", configuration["pagination"]!["defaultPaginationMethod"]!.GetValue<string>());
            var page = await Get(client, "count=2");
            Assert.NotNull(page.Json["nextCursor"]);
            Assert.Null(page.Json["startIndex"]);
            Assert.Equal(2, (await Get(client, "startIndex=2&count=2")).Json["startIndex"]!.GetValue<int>());
        });
    }

    [Fact]
    public async Task Search_faults_each_break_one_thing()
    {
        var query = SearchRequest(("filter", "userName sw \"q-\""), ("attributes", new JsonArray("userName")), ("count", 1), ("cursor", ""));
        await WithServer("search-unsupported", async client =>
        {
            (await client.PostAsync("/Users/.search", query)).AssertScimError(HttpStatusCode.NotFound);
            (await client.GetAsync("/Users" + Filter("userName sw \"q-\""))).AssertStatus(HttpStatusCode.OK);
        });
        await WithServer("search-creates", async client =>
        {
            (await client.PostAsync("/Users/.search", $$"""{"schemas":["{{UserUrn}}"],"userName":"q-searched"}""")).AssertStatus(HttpStatusCode.Created);
            Assert.Equal(["q-searched"], Names(await Get(client, Filter("userName eq \"q-searched\"")[1..])));
            Assert.Equal(["q-alice"], Names((await client.PostAsync("/Users/.search", query)).AssertStatus(HttpStatusCode.OK)));
        });
        await WithServer("search-ignores-attributes", async client =>
        {
            var user = Assert.Single((await client.PostAsync("/Users/.search", query)).AssertStatus(HttpStatusCode.OK).Resources);
            Assert.NotNull(user["title"]);
        });
        await WithServer("search-rejects-attribute-arrays", async client =>
        {
            (await client.PostAsync("/Users/.search", query)).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
            query["attributes"] = "userName";
            Assert.Null(Assert.Single((await client.PostAsync("/Users/.search", query)).AssertStatus(HttpStatusCode.OK).Resources)["title"]);
            query["attributes"] = new JsonArray("userName");
        });
        await WithServer("search-bad-filter-500", async client =>
        {
            (await client.PostAsync("/Users/.search", SearchRequest(("filter", "userName eq")))).AssertScimError(HttpStatusCode.InternalServerError);
            (await client.PostAsync("/Users/.search", SearchRequest(("filter", "noSuchAttribute pr")))).AssertScimError(HttpStatusCode.BadRequest, "invalidFilter");
            (await client.GetAsync("/Users" + Filter("userName eq"))).AssertScimError(HttpStatusCode.BadRequest, "invalidFilter");
        });
        await WithServer("search-ignores-cursor", async client =>
        {
            var page = (await client.PostAsync("/Users/.search", query)).AssertStatus(HttpStatusCode.OK);
            Assert.Null(page.Json["nextCursor"]);
            Assert.Equal(1, page.Json["startIndex"]!.GetValue<int>());
        });
    }

    private static async Task<ScimReply> Get(ScimTestClient client, string query) =>
        (await client.GetAsync("/Users?" + query)).AssertStatus(HttpStatusCode.OK);

    private async Task WithServer(string fault, Func<ScimTestClient, Task> test)
    {
        var (host, client) = await Servers.StartAsync(http, null, fault);
        await using (host)
        {
            await SeedAsync(client);
            await test(client);
        }
    }
}
