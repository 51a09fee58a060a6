using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Scim.Conformance.ReferenceServer;
using Xunit;

namespace Scim.Conformance.Tests.ReferenceServer;

/// <summary>The reference server's token endpoint (RFC 6749 §4.4, §5): client authentication by HTTP Basic or form,
/// JSON answers that are never cached, and the error codes of §5.2.</summary>
public class OAuthTokenEndpointTests
{
    private const string Secret = "endpoint-test-secret";

    private static async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> PostAsync(ReferenceServerHost host, Dictionary<string, string> form, string? basic = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, host.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        if (basic is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        return (response.StatusCode, body, response);
    }

    private static Task<ReferenceServerHost> StartAsync() => ReferenceServerHost.StartAsync(
        new ReferenceServerOptions { Credentials = [new AcceptedOAuthClient("suite", Secret) { Scope = "scim" }] }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_client_authenticated_by_basic_or_form_gets_a_bearer_token_that_is_not_cached()
    {
        await using var host = await StartAsync();
        var basic = await PostAsync(host, new() { ["grant_type"] = "client_credentials" }, $"suite:{Secret}");
        var form = await PostAsync(host, new() { ["grant_type"] = "client_credentials", ["client_id"] = "suite", ["client_secret"] = Secret, ["scope"] = "scim" });

        foreach (var (status, body, response) in new[] { basic, form })
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
            Assert.True(body["expires_in"]!.GetValue<long>() > 0);
            Assert.False(string.IsNullOrEmpty(body["access_token"]!.GetValue<string>()));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
        Assert.Equal(2, host.OAuthTokensIssued);
    }

    [Theory]
    [InlineData("password", "suite", Secret, "scim", HttpStatusCode.BadRequest, "unsupported_grant_type")]
    [InlineData("client_credentials", "suite", "wrong", "scim", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("client_credentials", "other", Secret, "scim", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("client_credentials", "suite", Secret, "admin", HttpStatusCode.BadRequest, "invalid_scope")]
    public async Task Refusals_use_the_error_codes_of_rfc_6749(string grant, string id, string secret, string scope, HttpStatusCode status, string error)
    {
        await using var host = await StartAsync();
        var (actual, body, response) = await PostAsync(host, new() { ["grant_type"] = grant, ["scope"] = scope }, $"{id}:{secret}");
        Assert.Equal(status, actual);
        Assert.Equal(error, body["error"]!.GetValue<string>());
        if (status == HttpStatusCode.Unauthorized)
            Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(0, host.OAuthTokensIssued);
    }
}
