using System.Net;
using Xunit;
using static Scim.Conformance.Tests.ReferenceServer.QueryData;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>sortBy and sortOrder (RFC 7644 §3.4.2.3) over HTTP, before paging, and their refusals as 400 invalidValue.</summary>
public class SortingTests(QueryServerFixture server) : IClassFixture<QueryServerFixture>
{
    [Theory]
    [InlineData("sortBy=userName", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("sortBy=userName&sortOrder=ascending", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("sortBy=userName&sortOrder=descending", new[] { "q-Zed", "q-carol", "q-Bob", "q-alice" })]
    [InlineData("sortBy=USERNAME&sortOrder=Descending", new[] { "q-Zed", "q-carol", "q-Bob", "q-alice" })]
    [InlineData("sortBy=" + UserUrn + ":userName", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("sortBy=title", new[] { "q-Zed", "q-carol", "q-alice", "q-Bob" })]
    [InlineData("sortBy=title&sortOrder=descending", new[] { "q-Bob", "q-alice", "q-carol", "q-Zed" })]
    [InlineData("sortBy=name.familyName", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("sortBy=emails.value", new[] { "q-Bob", "q-carol", "q-alice", "q-Zed" })]
    [InlineData("sortBy=active", new[] { "q-Bob", "q-alice", "q-carol", "q-Zed" })]
    [InlineData("sortBy=externalId", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("sortOrder=descending", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    [InlineData("sortOrder=sideways", new[] { "q-alice", "q-Bob", "q-carol", "q-Zed" })]
    public async Task Orders_the_results(string query, string[] expected)
    {
        var reply = (await server.Client.GetAsync("/Users?" + query)).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(expected, Names(reply));
    }

    [Fact]
    public async Task Sorts_before_paging_and_after_filtering()
    {
        var page = (await server.Client.GetAsync("/Users?sortBy=userName&sortOrder=descending&startIndex=2&count=2")).AssertStatus(HttpStatusCode.OK);
        var filtered = (await server.Client.GetAsync("/Users" + Filter("title pr", "sortBy=title&sortOrder=descending"))).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(["q-carol", "q-Bob"], Names(page));
        Assert.Equal(4, page.Json["totalResults"]!.GetValue<int>());
        Assert.Equal(["q-alice", "q-carol", "q-Zed"], Names(filtered));
    }

    [Fact]
    public async Task Sorts_groups_too()
    {
        var reply = (await server.Client.GetAsync("/Groups?sortBy=displayName")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(["Nobody", "Tour Guides"], Labels(reply));
    }

    [Theory]
    [InlineData("sortBy=noSuchAttribute")]
    [InlineData("sortBy=name")]
    [InlineData("sortBy=emails")]
    [InlineData("sortBy=name.noSuchPart")]
    [InlineData("sortBy=")]
    [InlineData("sortBy=userName&sortOrder=sideways")]
    public async Task Refuses_what_it_cannot_sort_by_with_400_invalidValue(string query)
    {
        (await server.Client.GetAsync("/Users?" + query)).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
    }
}
