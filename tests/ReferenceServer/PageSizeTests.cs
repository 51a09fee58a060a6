using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Scim.Conformance.ReferenceServer.Lists;
using Scim.Conformance.ReferenceServer.Model;
using Scim.Conformance.ReferenceServer.Resources;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>
/// The page-size caps of index and cursor pagination (RFC 7644 §3.4.2.4, RFC 9865 maxPageSize), on a query engine with
/// small limits: over HTTP the real cap of 1000 would take a thousand resources to reach.
/// </summary>
public class PageSizeTests
{
    private const string BaseUrl = "http://server.example/scim/v2";

    private readonly ServedResourceType users;
    private readonly ResourceQuery query;

    public PageSizeTests()
    {
        var blueprint = ServerBlueprint.Correct();
        blueprint.Paging = new PagingPolicy(DefaultPageSize: 2, MaxPageSize: 3);
        var model = blueprint.Freeze([]);
        var store = new ResourceStore();
        var references = new ResourceReferences(model.ServedResourceTypes, store, model.Behaviour);
        var writes = new ResourceWrites(store, references, model.Behaviour);
        users = model.ServedResourceTypes.Single(type => type.Name == "User");
        for (var number = 1; number <= 5; number++)
        {
            var body = new JsonObject { ["schemas"] = new JsonArray(QueryData.UserUrn), ["userName"] = $"user-{number}" };
            writes.Create(users, new ResourceRequestReader(users, model.Behaviour.RequestBodies, enforceRequired: true).Read(body), body, BaseUrl);
        }
        query = new ResourceQuery(model, store, references);
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData("3", 3)]
    [InlineData("4", 3)]
    [InlineData("99999999999", 3)]
    [InlineData("-4", 0)]
    public void Index_pages_never_exceed_the_maximum(string? count, int expected)
    {
        var page = Run(count is null ? [] : [("count", count)]);

        Assert.Equal(expected, page.Resources.Count);
        Assert.Equal(5, page.TotalResults);
        Assert.Equal(1, page.StartIndex);
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData("3", 3)]
    [InlineData("4", 3)]
    [InlineData("99999999999", 3)]
    [InlineData("-4", 0)]
    public void Cursor_pages_never_exceed_the_maximum(string? count, int expected)
    {
        var page = Run([("cursor", ""), .. count is null ? Array.Empty<(string, string)>() : [("count", count)]]);

        Assert.Equal(expected, page.Resources.Count);
        Assert.Null(page.StartIndex);
        Assert.Equal(expected > 0, page.NextCursor is not null);
    }

    [Fact]
    public void A_capped_cursor_walk_continues_with_the_capped_count()
    {
        var first = Run([("cursor", ""), ("count", "10")]);
        var second = Run([("cursor", first.NextCursor!), ("count", "10")]);

        Assert.Equal(["user-1", "user-2", "user-3", "user-4", "user-5"], first.Resources.Concat(second.Resources).Select(found => found.Stored["userName"]!.GetValue<string>()));
        Assert.Null(second.NextCursor);
    }

    private QueryPage Run(params (string Name, string Value)[] parameters) =>
        query.Run([users], users.Endpoint, new QueryCollection(parameters.ToDictionary(parameter => parameter.Name, parameter => new StringValues(parameter.Value))), BaseUrl, viaSearch: false);
}
