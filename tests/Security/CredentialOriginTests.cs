using System.Net;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.Authentication;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Security;

/// <summary>Credentials of every scheme go to the target's base URL only: a URL the server hands out on another host
/// (a redirect's Location, a meta.location, a $ref) is not requested at all, and nothing follows redirects on its own.</summary>
public class CredentialOriginTests
{
    private const string Secret = "origin-test-secret-0123456789";

    public static TheoryData<string> Schemes => new(["bearer", "basic", "api-key", "oauth2"]);

    private static TargetAuthentication For(string scheme) => scheme switch
    {
        "bearer" => new BearerAuthentication(Secret),
        "basic" => new BasicAuthentication("user", Secret),
        "api-key" => new ApiKeyAuthentication("X-Vendor-Key", Secret),
        _ => new OAuthClientCredentials(new Uri("https://login.example.test/oauth/token"), "suite", Secret),
    };

    private static StubHandler Handler() => new((request, _) => Task.FromResult(request.RequestUri!.AbsolutePath == "/oauth/token"
        ? StubHandler.Response(HttpStatusCode.OK, "{\"access_token\":\"access-token-for-origin-test\",\"token_type\":\"Bearer\",\"expires_in\":300}", "application/json")
        : RedirectElsewhere(request)));

    private static HttpResponseMessage RedirectElsewhere(HttpRequestMessage request)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Found);
        response.Headers.Location = new Uri("https://elsewhere.example.test/v2/Users");
        return response;
    }

    private static TargetSession SessionOver(StubHandler handler, string scheme) => new(new TargetSessionOptions
    {
        Name = "stub",
        BaseUrl = new Uri("https://scim.example.test/v2"),
        Authentication = For(scheme),
        Handler = handler,
    });

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task A_url_on_another_host_is_never_requested(string scheme)
    {
        var handler = Handler();
        using var session = SessionOver(handler, scheme);
        var client = new ScimClient(session, _ => { }, TestContext.Current.CancellationToken);

        var redirect = await client.GetAsync("Users");
        Assert.Equal(302, redirect.Status);
        await Assert.ThrowsAsync<HarnessException>(() => client.GetAsync(redirect.Header("Location")!));
        await Assert.ThrowsAsync<HarnessException>(() => client.GetAsync(redirect.Header("Location")!, Credentials.Wrong));

        // Not even without credentials: a request the server steers elsewhere is a finding, never sent.
        Assert.DoesNotContain(handler.Requests, r => r.RequestUri!.Host == "elsewhere.example.test");
        Assert.Equal(2, session.SafetyFindings.Count);
        var onOrigin = handler.Requests.Single(r => r.RequestUri!.Host == "scim.example.test");
        Assert.True(onOrigin.Headers.Authorization is not null || onOrigin.Headers.Contains("X-Vendor-Key"), $"{scheme}: the target itself got no credentials");
    }

    [Fact]
    public void Connections_never_follow_redirects()
    {
        using var handler = new ConnectionSettings().CreateHandlerForTest(null);
        Assert.False(handler.AllowAutoRedirect);
    }

    [Fact]
    public void A_same_host_url_outside_the_base_path_is_not_under_the_base_url()
    {
        using var session = SessionOver(Handler(), "bearer");
        Assert.False(session.IsUnderBaseUrl(new Uri("https://scim.example.test/other/Users")));
        Assert.False(session.IsUnderBaseUrl(new Uri("http://scim.example.test/v2/Users")));
        Assert.False(session.IsUnderBaseUrl(new Uri("https://scim.example.test/v2-evil/Users")));
        Assert.True(session.IsUnderBaseUrl(new Uri("https://scim.example.test/v2/Users/1")));
    }
}
