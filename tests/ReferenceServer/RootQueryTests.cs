using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static Scim.Conformance.Tests.ReferenceServer.QueryData;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// Queries on the base URL (RFC 7644 §3.4.2.1, §3.4.3): every resource type at once, meta.resourceType to narrow them,
/// and an attribute that one type lacks simply has no value there.
/// </summary>
public class RootQueryTests(QueryServerFixture server) : IClassFixture<QueryServerFixture>
{
    [Fact]
    public async Task Lists_every_resource_of_every_type()
    {
        var reply = (await server.Client.GetAsync("/")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal([.. UserNames, "Tour Guides", "Nobody"], Labels(reply));
        Assert.Equal(6, reply.Json["totalResults"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("meta.resourceType eq \"Group\"", new[] { "Tour Guides", "Nobody" })]
    [InlineData("userName eq \"q-alice\"", new[] { "q-alice" })]
    [InlineData("members pr", new[] { "Tour Guides" })]
    [InlineData("not (userName pr)", new[] { "Tour Guides", "Nobody" })]
    [InlineData("meta.resourceType eq \"Group\" or title eq \"alpha\"", new[] { "q-Zed", "Tour Guides", "Nobody" })]
    public async Task Filters_across_types(string filter, string[] expected)
    {
        var reply = (await server.Client.GetAsync("/" + Filter(filter))).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(expected, Labels(reply));
    }

    [Fact]
    public async Task Refuses_an_attribute_no_type_has()
    {
        (await server.Client.GetAsync("/" + Filter("noSuchAttribute pr"))).AssertScimError(HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Fact]
    public async Task Searches_across_types_with_post()
    {
        var get = (await server.Client.GetAsync("/" + Filter("members pr or userName sw \"q-c\"", "attributes=displayName,userName"))).AssertStatus(HttpStatusCode.OK);
        var post = (await server.Client.PostAsync("/.search", SearchRequest(
            ("filter", "members pr or userName sw \"q-c\""), ("attributes", new JsonArray("displayName", "userName"))))).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(["q-carol", "Tour Guides"], Labels(post));
        Assert.True(JsonNode.DeepEquals(get.Json, post.Json), $"GET {get.Text}\nPOST {post.Text}");
    }

    [Fact]
    public async Task Search_on_the_base_url_takes_only_post()
    {
        var reply = (await server.Client.GetAsync("/.search")).AssertScimError(HttpStatusCode.MethodNotAllowed);

        Assert.Equal("POST", reply.Header("Allow"));
    }
}
