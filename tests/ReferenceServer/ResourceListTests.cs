using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// GET on a resource endpoint: index pagination over resources in creation order (RFC 7644 §3.4.2, §3.4.2.4). Filters,
/// sorting and cursors have test classes of their own.
/// </summary>
public class ResourceListTests(ResourceListTests.FiveUsers server) : IClassFixture<ResourceListTests.FiveUsers>
{
    [Fact]
    public async Task Lists_every_resource_in_creation_order_by_default()
    {
        var reply = (await server.Client.GetAsync("/Users")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(["urn:ietf:params:scim:api:messages:2.0:ListResponse"], reply.Json["schemas"]!.AsArray().Select(urn => urn!.GetValue<string>()));
        AssertPage(reply, totalResults: 5, startIndex: 1, "user-1", "user-2", "user-3", "user-4", "user-5");
        Assert.All(reply.Resources, user => Assert.Equal("User", user["meta"]!["resourceType"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("?startIndex=2&count=2", 2, new[] { "user-2", "user-3" })]
    [InlineData("?startIndex=4", 4, new[] { "user-4", "user-5" })]
    [InlineData("?count=1", 1, new[] { "user-1" })]
    [InlineData("?startIndex=0&count=2", 1, new[] { "user-1", "user-2" })]
    [InlineData("?startIndex=-5&count=1", 1, new[] { "user-1" })]
    [InlineData("?count=0", 1, new string[0])]
    [InlineData("?count=-1", 1, new string[0])]
    [InlineData("?startIndex=100", 100, new string[0])]
    [InlineData("?count=99999999999999999999", 1, new[] { "user-1", "user-2", "user-3", "user-4", "user-5" })]
    [InlineData("?sortBy=userName&sortOrder=descending&count=1", 1, new[] { "user-5" })]
    public async Task Pages_by_start_index_and_count(string query, int startIndex, string[] userNames)
    {
        var reply = (await server.Client.GetAsync("/Users" + query)).AssertStatus(HttpStatusCode.OK);

        AssertPage(reply, totalResults: 5, startIndex, userNames);
    }

    [Theory]
    [InlineData("?count=ten")]
    [InlineData("?startIndex=1.5")]
    public async Task Refuses_paging_values_that_are_not_integers(string query)
    {
        (await server.Client.GetAsync("/Users" + query)).AssertScimError(HttpStatusCode.BadRequest, "invalidValue");
    }

    [Fact]
    public async Task An_empty_endpoint_lists_nothing()
    {
        var reply = (await server.Client.GetAsync("/Agents")).AssertStatus(HttpStatusCode.OK);

        AssertPage(reply, totalResults: 0, startIndex: 1);
    }

    private static void AssertPage(ScimReply reply, int totalResults, int startIndex, params string[] userNames)
    {
        Assert.Equal(totalResults, reply.Json["totalResults"]!.GetValue<int>());
        Assert.Equal(startIndex, reply.Json["startIndex"]!.GetValue<int>());
        Assert.Equal(userNames.Length, reply.Json["itemsPerPage"]!.GetValue<int>());
        Assert.Equal(userNames, reply.Resources.Select(user => user["userName"]!.GetValue<string>()));
    }

    /// <summary>A server of its own holding exactly five users, created one after another.</summary>
    public sealed class FiveUsers : ServerFixture
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            for (var number = 1; number <= 5; number++)
            {
                (await Client.PostAsync("/Users", new JsonObject
                {
                    ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
                    ["userName"] = $"user-{number}",
                })).AssertStatus(HttpStatusCode.Created);
            }
        }
    }
}
