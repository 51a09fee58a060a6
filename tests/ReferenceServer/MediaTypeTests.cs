using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>Content negotiation (RFC 7644 §3.1, §3.8): which Accept and Content-Type headers are served, and how responses are labelled.</summary>
public class MediaTypeTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    private const string ScimJson = "application/scim+json; charset=utf-8";

    [Theory]
    [InlineData(null)]
    [InlineData("application/scim+json")]
    [InlineData("application/json")]
    [InlineData("*/*")]
    [InlineData("application/*")]
    [InlineData("text/html, application/json;q=0.5")]
    [InlineData("APPLICATION/SCIM+JSON; charset=utf-8")]
    public async Task Any_accept_that_allows_json_is_answered_as_scim_json(string? accept)
    {
        foreach (var path in new[] { "/Users", "/ServiceProviderConfig", "/Schemas" })
        {
            var reply = await server.Client.SendAsync(HttpMethod.Get, path, accept: accept);

            reply.AssertStatus(HttpStatusCode.OK);
            Assert.Equal(ScimJson, reply.ContentType);
        }
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/plain")]
    [InlineData("application/json;q=0")]
    public async Task An_accept_that_rules_out_json_is_406(string accept)
    {
        var reply = await server.Client.SendAsync(HttpMethod.Get, "/Users", accept: accept);

        reply.AssertScimError(HttpStatusCode.NotAcceptable);
    }

    [Theory]
    [InlineData("application/scim+json")]
    [InlineData("application/json")]
    [InlineData("application/scim+json; charset=utf-8")]
    [InlineData(null)]
    public async Task Json_request_bodies_are_accepted(string? contentType)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"), ["userName"] = $"typed-{Guid.NewGuid():N}" };

        var reply = await server.Client.SendAsync(HttpMethod.Post, "/Users", body.ToJsonString(), contentType);

        reply.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(ScimJson, reply.ContentType);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Other_request_bodies_are_415(string contentType)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"), ["userName"] = $"untyped-{Guid.NewGuid():N}" };

        (await server.Client.SendAsync(HttpMethod.Post, "/Users", body.ToJsonString(), contentType)).AssertScimError(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Non_ascii_text_round_trips_as_utf8()
    {
        var created = (await server.Client.PostAsync("/Users", new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"),
            ["userName"] = $"zoë-{Guid.NewGuid():N}",
            ["displayName"] = "Zoë Ångström 日本 🎢",
        })).AssertStatus(HttpStatusCode.Created).Json;

        var fetched = (await server.Client.GetAsync("/Users/" + created["id"]!.GetValue<string>())).Json;
        Assert.Equal("Zoë Ångström 日本 🎢", fetched["displayName"]!.GetValue<string>());
    }
}
