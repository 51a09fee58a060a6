using System.Net;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>Errors the framework would otherwise answer on its own still carry a SCIM error body (RFC 7644 §3.12).</summary>
public class ErrorResponseTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    [Theory]
    [InlineData("/NoSuchEndpoint")]
    [InlineData("/Users/x/y")]
    [InlineData("/Users/.search/x")]
    [InlineData("/NoSuchEndpoint/.search")]
    public async Task An_unknown_path_is_404_with_a_scim_error(string path)
    {
        (await server.Client.GetAsync(path)).AssertScimError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_path_outside_the_base_url_is_404_with_a_scim_error()
    {
        using var http = new HttpClient();
        var outside = new ScimTestClient(http, new Uri(server.BaseUrl.GetLeftPart(UriPartial.Authority)), server.Token);

        (await outside.GetAsync("/Users")).AssertScimError(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("PUT", "/Users", "GET, POST")]
    [InlineData("DELETE", "/Groups", "GET, POST")]
    public async Task A_method_an_endpoint_does_not_take_is_405_with_allow(string method, string path, string allow)
    {
        var reply = await server.Client.SendAsync(new HttpMethod(method), path, "{}");

        reply.AssertScimError(HttpStatusCode.MethodNotAllowed);
        Assert.Equal(allow, reply.Header("Allow"));
    }

    [Theory]
    [InlineData("/Users?rid_unknown=1")]
    [InlineData("/Users?rid_unknown=1&count=5")]
    [InlineData("/Schemas?rid_unknown=1")]
    public async Task Unknown_query_parameters_are_ignored(string path)
    {
        (await server.Client.GetAsync(path)).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_ids_are_404_for_every_method_that_names_one()
    {
        const string body = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"nobody"}""";

        (await server.Client.GetAsync("/Users/no-such-id")).AssertScimError(HttpStatusCode.NotFound);
        (await server.Client.SendAsync(HttpMethod.Put, "/Users/no-such-id", body)).AssertScimError(HttpStatusCode.NotFound);
        (await server.Client.DeleteAsync("/Groups/no-such-id")).AssertScimError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bulk_is_400_to_a_body_that_is_no_bulk_request_and_405_to_other_methods()
    {
        (await server.Client.SendAsync(HttpMethod.Post, "/Bulk", "{}")).AssertScimError(HttpStatusCode.BadRequest, "invalidSyntax");
        var get = await server.Client.GetAsync("/Bulk");

        get.AssertScimError(HttpStatusCode.MethodNotAllowed);
        Assert.Equal("POST", get.Header("Allow"));
    }

    [Fact]
    public async Task A_post_to_a_resource_is_405_with_a_scim_error()
    {
        var reply = await server.Client.SendAsync(HttpMethod.Post, "/Users/some-id", "{}");

        reply.AssertScimError(HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", reply.Header("Allow"));
    }
}
