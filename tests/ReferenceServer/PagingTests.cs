using System.Net;
using Xunit;
using static Scim.Conformance.Tests.ReferenceServer.QueryData;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// Index pagination (RFC 7644 §3.4.2.4) of filtered and sorted results: the edges of startIndex and count, totalResults
/// independent of the page, itemsPerPage as what the page holds. (Paging without a filter is in <see cref="ResourceListTests"/>.)
/// </summary>
public class PagingTests(QueryServerFixture server) : IClassFixture<QueryServerFixture>
{
    private const string Sorted = "sortBy=userName";

    [Theory]
    [InlineData("startIndex=1&count=2", 1, new[] { "q-alice", "q-Bob" })]
    [InlineData("startIndex=2&count=2", 2, new[] { "q-Bob", "q-carol" })]
    [InlineData("startIndex=3", 3, new[] { "q-carol", "q-Zed" })]
    [InlineData("startIndex=0&count=1", 1, new[] { "q-alice" })]
    [InlineData("startIndex=-7&count=1", 1, new[] { "q-alice" })]
    [InlineData("count=0", 1, new string[0])]
    [InlineData("count=-3", 1, new string[0])]
    [InlineData("startIndex=5", 5, new string[0])]
    [InlineData("startIndex=100&count=2", 100, new string[0])]
    [InlineData("count=1000000", 1, new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    public async Task Pages_the_matches(string paging, int startIndex, string[] expected)
    {
        var reply = (await server.Client.GetAsync("/Users" + Filter("userName sw \"q-\"", $"{Sorted}&{paging}"))).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(expected, Names(reply));
        Assert.Equal(4, reply.Json["totalResults"]!.GetValue<int>());
        Assert.Equal(expected.Length, reply.Json["itemsPerPage"]!.GetValue<int>());
        Assert.Equal(startIndex, reply.Json["startIndex"]!.GetValue<int>());
        Assert.Null(reply.Json["nextCursor"]);
    }

    [Fact]
    public async Task Walking_the_pages_visits_each_match_once()
    {
        var seen = new List<string>();
        for (var startIndex = 1; startIndex <= 4; startIndex += 1)
        {
            var page = (await server.Client.GetAsync("/Users" + Filter("title pr or userType pr", $"startIndex={startIndex}&count=1"))).AssertStatus(HttpStatusCode.OK);
            Assert.Equal(4, page.Json["totalResults"]!.GetValue<int>());
            seen.AddRange(Names(page));
        }

        Assert.Equal(UserNames, seen);
    }

    [Fact]
    public async Task Refuses_start_index_together_with_a_cursor()
    {
        (await server.Client.GetAsync("/Users?startIndex=1&cursor")).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
        (await server.Client.GetAsync("/Users?startIndex=2&cursor=abc")).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
    }
}
