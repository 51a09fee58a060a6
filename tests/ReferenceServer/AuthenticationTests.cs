using System.Net;
using System.Net.Http.Headers;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>Bearer-token authentication (RFC 6750; RFC 7644 §2 and §3.12; RFC 7643 §5 for the public configuration).</summary>
public class AuthenticationTests(CorrectServerFixture server) : IClassFixture<CorrectServerFixture>
{
    [Theory]
    [InlineData("/Users")]
    [InlineData("/Schemas")]
    [InlineData("/ResourceTypes")]
    [InlineData("/NoSuchEndpoint")]
    public async Task A_request_without_credentials_is_challenged_with_401_and_a_scim_error(string path)
    {
        var reply = await server.Anonymous.GetAsync(path);

        reply.AssertScimError(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer realm=\"scim\"", reply.Header("WWW-Authenticate"));
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("test-token-")]
    public async Task A_wrong_token_is_refused_with_401(string token)
    {
        var reply = await server.Client.WithToken(token).GetAsync("/Users");

        reply.AssertScimError(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer realm=\"scim\"", reply.Header("WWW-Authenticate"));
    }

    [Theory]
    [InlineData("Token")]
    [InlineData("Basic")]
    public async Task The_right_token_under_another_scheme_is_refused_with_401(string scheme)
    {
        var reply = await server.Client.WithAuthorization(new AuthenticationHeaderValue(scheme, server.Token)).GetAsync("/Users");

        reply.AssertScimError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_bearer_scheme_name_is_case_insensitive()
    {
        // RFC 7235 §2.1: authentication scheme names are case-insensitive.
        var reply = await server.Client.WithAuthorization(new AuthenticationHeaderValue("bearer", server.Token)).GetAsync("/Users");

        reply.AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_right_token_is_accepted()
    {
        (await server.Client.GetAsync("/Users")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_reading_the_service_provider_configuration_is_anonymous()
    {
        (await server.Anonymous.GetAsync("/ServiceProviderConfig")).AssertStatus(HttpStatusCode.OK);
        (await server.Anonymous.SendAsync(HttpMethod.Put, "/ServiceProviderConfig", "{}")).AssertScimError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Without_a_configured_token_no_credentials_are_needed()
    {
        using var http = new HttpClient();
        var (host, client) = await Servers.StartAsync(http, token: null);
        await using (host)
        {
            (await client.GetAsync("/Users")).AssertStatus(HttpStatusCode.OK);
            (await client.WithToken("anything").GetAsync("/Schemas")).AssertStatus(HttpStatusCode.OK);
        }
    }
}
