using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>GET /ServiceProviderConfig on the correct server: one object that tells the truth about what the server supports.</summary>
public class ServiceProviderConfigTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    [Fact]
    public async Task Is_a_single_object_labelled_with_its_schema_and_the_scim_media_type()
    {
        var reply = (await server.Client.GetAsync("/ServiceProviderConfig")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal("application/scim+json; charset=utf-8", reply.ContentType);
        Assert.Equal(["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"], Strings(reply.Json["schemas"]));
        Assert.Null(reply.Json["Resources"]);
        Assert.Equal("ServiceProviderConfig", reply.Json["meta"]!["resourceType"]!.GetValue<string>());
        Assert.Equal($"{server.BaseUrl}/ServiceProviderConfig", reply.Json["meta"]!["location"]!.GetValue<string>());
        Assert.StartsWith("https://", reply.Json["documentationUri"]!.GetValue<string>());
    }

    [Fact]
    public async Task Advertises_what_it_implements_with_boolean_flags()
    {
        var configuration = (await server.Client.GetAsync("/ServiceProviderConfig")).Json;

        foreach (var capability in new[] { "filter", "sort", "patch" })
            Assert.Equal(JsonValueKind.True, configuration[capability]!["supported"]!.GetValueKind());
        foreach (var capability in new[] { "bulk", "changePassword", "etag" })
            Assert.Equal(JsonValueKind.False, configuration[capability]!["supported"]!.GetValueKind());
        Assert.Equal(0, configuration["bulk"]!["maxOperations"]!.GetValue<int>());
        Assert.Equal(0, configuration["bulk"]!["maxPayloadSize"]!.GetValue<int>());
        Assert.Equal(JsonValueKind.Number, configuration["filter"]!["maxResults"]!.GetValueKind());
    }

    [Fact]
    public async Task Advertises_bearer_tokens_as_its_one_authentication_scheme()
    {
        var schemes = (await server.Client.GetAsync("/ServiceProviderConfig")).Json["authenticationSchemes"]!.AsArray();

        var scheme = Assert.Single(schemes)!.AsObject();
        Assert.Equal("oauthbearertoken", scheme["type"]!.GetValue<string>());
        Assert.Equal("OAuth Bearer Token", scheme["name"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(scheme["description"]!.GetValue<string>()));
        Assert.Equal("https://www.rfc-editor.org/info/rfc6750", scheme["specUri"]!.GetValue<string>());
        Assert.True(scheme["primary"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Advertises_index_and_cursor_pagination_and_the_agent_extension()
    {
        var configuration = (await server.Client.GetAsync("/ServiceProviderConfig")).Json;

        var pagination = configuration["pagination"]!;
        Assert.True(pagination["cursor"]!.GetValue<bool>());
        Assert.True(pagination["index"]!.GetValue<bool>());
        Assert.Equal("index", pagination["defaultPaginationMethod"]!.GetValue<string>());
        Assert.Equal(100, pagination["defaultPageSize"]!.GetValue<int>());
        Assert.Equal(1000, pagination["maxPageSize"]!.GetValue<int>());
        Assert.Equal(1, pagination["cursorTimeout"]!.GetValue<int>());

        var agents = configuration["agentExtension"]!;
        foreach (var flag in new[] { "supported", "agentsSupported", "agenticApplicationsSupported" })
            Assert.Equal(JsonValueKind.True, agents[flag]!.GetValueKind());
    }

    [Fact]
    public async Task Never_promises_more_results_per_response_than_a_page_can_hold()
    {
        // filter.maxResults (RFC 7643 §5) and pagination.maxPageSize (RFC 9865) both cap one response; the server
        // applies one cap, so both must name it.
        var configuration = (await server.Client.GetAsync("/ServiceProviderConfig")).Json;

        Assert.Equal(configuration["pagination"]!["maxPageSize"]!.GetValue<int>(), configuration["filter"]!["maxResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Is_readable_without_credentials()
    {
        var reply = (await server.Anonymous.GetAsync("/ServiceProviderConfig")).AssertStatus(HttpStatusCode.OK);

        Assert.NotNull(reply.Json["authenticationSchemes"]);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Refuses_writes_with_405_and_allows_only_get(string method)
    {
        var reply = await server.Client.SendAsync(new HttpMethod(method), "/ServiceProviderConfig", "{}");

        reply.AssertScimError(HttpStatusCode.MethodNotAllowed);
        Assert.Equal("GET", reply.Header("Allow"));
    }

    [Fact]
    public async Task Refuses_a_filter_with_403()
    {
        var reply = await server.Client.GetAsync("/ServiceProviderConfig?filter=" + Uri.EscapeDataString("patch.supported eq false"));

        reply.AssertScimError(HttpStatusCode.Forbidden);
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(item => item!.GetValue<string>());
}
