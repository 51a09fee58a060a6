using System.Net;
using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer;
using Xunit;
using static Scim.Conformance.Tests.ReferenceServer.QueryData;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// RFC 9865 cursor pagination: the walk (nextCursor on every page but the last, previousCursor on every page but the
/// first), cursors that are opaque, URL-safe and bound to their query, and the three errors: invalidCursor,
/// expiredCursor (with an injected clock, so nothing waits) and invalidCount.
/// </summary>
public class CursorPaginationTests(QueryServerFixture server) : IClassFixture<QueryServerFixture>
{
    private const string Query = "sortBy=userName&attributes=userName&count=1";

    [Theory]
    [InlineData("cursor")]
    [InlineData("cursor=")]
    public async Task Following_next_cursor_visits_every_result_once_then_stops(string firstCursor)
    {
        var pages = new List<ScimReply> { await Page($"{Query}&{firstCursor}") };
        while (pages[^1].Json["nextCursor"] is { } next && pages.Count < 10)
            pages.Add(await Page($"{Query}&cursor={Uri.EscapeDataString(next.GetValue<string>())}"));

        Assert.Equal(["q-alice", "q-Bob", "q-carol", "q-Zed"], pages.SelectMany(Names));
        Assert.All(pages, page =>
        {
            Assert.Equal(4, page.Json["totalResults"]!.GetValue<int>());
            Assert.Equal(1, page.Json["itemsPerPage"]!.GetValue<int>());
            Assert.Null(page.Json["startIndex"]);
        });
        Assert.Null(pages[0].Json["previousCursor"]);
        Assert.All(pages[1..], page => Assert.NotNull(page.Json["previousCursor"]));
        Assert.All(pages[..^1], page => Assert.NotNull(page.Json["nextCursor"]));
        Assert.Null(pages[^1].Json["nextCursor"]);
    }

    [Fact]
    public async Task Cursors_are_opaque_url_safe_strings()
    {
        var first = await Page($"{Query}&cursor");
        var second = await Page($"{Query}&cursor={first.Json["nextCursor"]}");

        foreach (var cursor in new[] { first.Json["nextCursor"], second.Json["nextCursor"], second.Json["previousCursor"] })
            Assert.Matches("^[A-Za-z0-9._~-]+$", cursor!.GetValue<string>());
    }

    [Fact]
    public async Task Previous_cursor_leads_back_to_the_page_before()
    {
        var first = await Page("sortBy=userName&attributes=userName&count=2&cursor");
        var second = await Page($"sortBy=userName&attributes=userName&count=2&cursor={first.Json["nextCursor"]}");
        var back = await Page($"sortBy=userName&attributes=userName&count=2&cursor={second.Json["previousCursor"]}");

        Assert.Equal(["q-alice", "q-Bob"], Names(first));
        Assert.Equal(["q-carol", "q-Zed"], Names(second));
        Assert.Equal(Names(first), Names(back));
        Assert.Null(back.Json["previousCursor"]);
    }

    [Fact]
    public async Task Without_sort_by_the_order_is_creation_order()
    {
        var first = await Page("count=3&cursor&" + Filter("userName sw \"q\"")[1..]);
        var second = await Page($"count=3&cursor={first.Json["nextCursor"]}&" + Filter("userName sw \"q\"")[1..]);

        Assert.Equal(UserNames, Names(first).Concat(Names(second)));
    }

    [Theory]
    [InlineData("count=0")]
    [InlineData("count=-1")]
    public async Task Count_zero_returns_only_the_total(string count)
    {
        var reply = await Page($"{count}&cursor");

        Assert.Empty(reply.Resources);
        Assert.Equal(4, reply.Json["totalResults"]!.GetValue<int>());
        Assert.Null(reply.Json["nextCursor"]);
        Assert.Null(reply.Json["previousCursor"]);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("AQAAAAEAAAABAAABmTuWx4AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not*url*safe")]
    public async Task Refuses_a_cursor_it_never_issued_with_400_invalidCursor(string cursor)
    {
        (await server.Client.GetAsync($"/Users?{Query}&cursor={Uri.EscapeDataString(cursor)}")).AssertScimError(HttpStatusCode.BadRequest, "invalidCursor");
    }

    [Fact]
    public async Task Refuses_a_tampered_cursor_with_400_invalidCursor()
    {
        var issued = (await Page($"{Query}&cursor")).Json["nextCursor"]!.GetValue<string>();
        for (var position = 0; position < issued.Length; position += 5)
        {
            var tampered = issued[..position] + (issued[position] == 'A' ? 'B' : 'A') + issued[(position + 1)..];
            (await server.Client.GetAsync($"/Users?{Query}&cursor={tampered}")).AssertScimError(HttpStatusCode.BadRequest, "invalidCursor");
        }
    }

    [Theory]
    [InlineData("sortBy=userName&sortOrder=descending&attributes=userName&count=1")]
    [InlineData("sortBy=title&attributes=userName&count=1")]
    [InlineData("sortBy=userName&count=1")]
    [InlineData("sortBy=userName&attributes=userName&excludedAttributes=title&count=1")]
    [InlineData("sortBy=userName&attributes=userName&count=1&filter=userName%20pr")]
    public async Task Refuses_a_cursor_issued_for_another_query_with_400_invalidCursor(string otherQuery)
    {
        var issued = (await Page($"{Query}&cursor")).Json["nextCursor"]!.GetValue<string>();

        (await server.Client.GetAsync($"/Users?{otherQuery}&cursor={issued}")).AssertScimError(HttpStatusCode.BadRequest, "invalidCursor");
    }

    [Fact]
    public async Task Refuses_a_cursor_issued_for_another_endpoint_with_400_invalidCursor()
    {
        var issued = (await Page("count=1&cursor")).Json["nextCursor"]!.GetValue<string>();

        (await server.Client.GetAsync($"/Groups?count=1&cursor={issued}")).AssertScimError(HttpStatusCode.BadRequest, "invalidCursor");
        (await server.Client.GetAsync($"/?count=1&cursor={issued}")).AssertScimError(HttpStatusCode.BadRequest, "invalidCursor");
    }

    [Fact]
    public async Task Refuses_a_cursor_another_server_issued()
    {
        using var http = new HttpClient();
        var (other, client) = await Servers.StartAsync(http);
        await using (other)
        {
            await SeedAsync(client);
            var foreign = (await client.GetAsync($"/Users?{Query}&cursor")).Json["nextCursor"]!.GetValue<string>();

            (await server.Client.GetAsync($"/Users?{Query}&cursor={foreign}")).AssertScimError(HttpStatusCode.BadRequest, "invalidCursor");
        }
    }

    [Theory]
    [InlineData("count=2")]
    [InlineData("count=0")]
    [InlineData("")]
    public async Task Refuses_a_count_other_than_the_cursors_with_400_invalidCount(string otherCount)
    {
        var issued = (await Page($"{Query}&cursor")).Json["nextCursor"]!.GetValue<string>();

        var reply = await server.Client.GetAsync($"/Users?sortBy=userName&attributes=userName&{otherCount}&cursor={issued}");

        reply.AssertScimError(HttpStatusCode.BadRequest, "invalidCount");
    }

    [Fact]
    public async Task Without_start_index_or_cursor_the_default_is_index_pagination()
    {
        var reply = await Page("count=1");

        Assert.Equal(1, reply.Json["startIndex"]!.GetValue<int>());
        Assert.Null(reply.Json["nextCursor"]);
    }

    [Fact]
    public async Task A_cursor_expires_after_the_timeout_and_not_before()
    {
        var clock = new ManualClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await ReferenceServerHost.StartAsync(
            new ReferenceServerOptions { CursorTimeout = TimeSpan.FromSeconds(60), Clock = clock }, TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        var client = new ScimTestClient(http, host.BaseUrl, (string?)null);
        await SeedAsync(client);

        Assert.Equal(60, (await client.GetAsync("/ServiceProviderConfig")).Json["pagination"]!["cursorTimeout"]!.GetValue<int>());
        var first = (await client.GetAsync($"/Users?{Query}&cursor")).AssertStatus(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromSeconds(60));
        var second = (await client.GetAsync($"/Users?{Query}&cursor={first.Json["nextCursor"]}")).AssertStatus(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(["q-Bob"], Names(second));
        var expired = await client.GetAsync($"/Users?{Query}&cursor={second.Json["nextCursor"]}");
        expired.AssertScimError(HttpStatusCode.BadRequest, "expiredCursor");
        // A forgery is invalid, however old: the signature is checked before the age.
        (await client.GetAsync($"/Users?{Query}&cursor=AAAA")).AssertScimError(HttpStatusCode.BadRequest, "invalidCursor");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1500)]
    public async Task The_cursor_timeout_must_be_whole_positive_seconds(int milliseconds)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ReferenceServerHost.StartAsync(
            new ReferenceServerOptions { CursorTimeout = TimeSpan.FromMilliseconds(milliseconds) }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Pages_a_search_by_cursor_in_the_body()
    {
        JsonObject Body(string cursor) => SearchRequest(("sortBy", "userName"), ("count", 3), ("cursor", cursor), ("attributes", new JsonArray("userName")));
        var first = (await server.Client.PostAsync("/Users/.search", Body(""))).AssertStatus(HttpStatusCode.OK);
        var second = (await server.Client.PostAsync("/Users/.search", Body(first.Json["nextCursor"]!.GetValue<string>()))).AssertStatus(HttpStatusCode.OK);
        var byGet = (await server.Client.GetAsync($"/Users?sortBy=userName&count=3&attributes=userName&cursor={first.Json["nextCursor"]}")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(["q-alice", "q-Bob", "q-carol"], Names(first));
        Assert.Equal(["q-Zed"], Names(second));
        Assert.Null(second.Json["nextCursor"]);
        Assert.Equal(Names(second), Names(byGet));
    }

    private async Task<ScimReply> Page(string query) => (await server.Client.GetAsync("/Users?" + query)).AssertStatus(HttpStatusCode.OK);
}
