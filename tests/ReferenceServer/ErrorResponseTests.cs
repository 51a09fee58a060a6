using System.Net;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>Errors the framework would otherwise answer on its own still carry a SCIM error body (RFC 7644 §3.12).</summary>
public class ErrorResponseTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    [Theory]
    [InlineData("/NoSuchEndpoint")]
    [InlineData("/Users/x/y")]
    [InlineData("")]
    [InlineData("/.search")]
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

    [Fact]
    public async Task A_post_to_a_resource_is_405_with_a_scim_error()
    {
        var reply = await server.Client.SendAsync(HttpMethod.Post, "/Users/some-id", "{}");

        reply.AssertScimError(HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", reply.Header("Allow"));
    }
}
