using System.Net;
using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.Authentication;
using Scim.Conformance.Tests.ReferenceServer;
using Scim.Conformance.Tests.Support;
using Xunit;
using static Scim.Conformance.Tests.Security.SecurityFixtures;

namespace Scim.Conformance.Tests.Security;

/// <summary>OAuth 2.0 client credentials: one token fetched and reused, fetched again when it expires (by the clock,
/// moved instead of waited for) and once when the server refuses it early, never in a loop.</summary>
public class OAuthRefreshTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_token_is_fetched_once_and_reused_until_it_expires()
    {
        var clock = new ManualClock(Start);
        var secret = Secret("client-secret");
        await using var host = await StartAsync(new ReferenceServerOptions
        {
            Clock = clock,
            Credentials = [new AcceptedOAuthClient("suite", secret) { TokenLifetime = TimeSpan.FromMinutes(5) }],
        });
        var oauth = new OAuthClientCredentials(host.TokenEndpoint, "suite", secret);
        using var session = Session(host, oauth, clock: clock);
        var client = Client(session);

        for (var i = 0; i < 3; i++)
            Assert.Equal(200, (await client.GetAsync("Users?count=1")).Status);
        Assert.Equal(1, host.OAuthTokensIssued);

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(200, (await client.GetAsync("Users?count=1")).Status);
        Assert.Equal(2, host.OAuthTokensIssued);
        Assert.Equal(2, oauth.TokensFetched);
    }

    [Fact]
    public async Task A_token_the_server_refuses_early_is_renewed_once_and_the_request_repeated()
    {
        var serverClock = new ManualClock(Start);
        var secret = Secret("client-secret");
        await using var host = await StartAsync(new ReferenceServerOptions
        {
            Clock = serverClock,
            Credentials = [new AcceptedOAuthClient("suite", secret) { TokenLifetime = TimeSpan.FromMinutes(5) }],
        });
        // The client's clock stands still: only the server knows the token has lapsed, so it answers 401.
        using var session = Session(host, new OAuthClientCredentials(host.TokenEndpoint, "suite", secret), clock: new ManualClock(Start));
        var client = Client(session);
        Assert.Equal(200, (await client.GetAsync("Users?count=1")).Status);

        serverClock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(200, (await client.GetAsync("Users?count=1")).Status);
        Assert.Equal(2, host.OAuthTokensIssued);
    }

    [Fact]
    public async Task A_server_that_refuses_every_token_gets_one_renewal_per_request_not_a_loop()
    {
        var tokenRequests = 0;
        var scimRequests = 0;
        var handler = new StubHandler((request, _) =>
        {
            if (request.RequestUri!.AbsolutePath == "/oauth/token")
            {
                var n = Interlocked.Increment(ref tokenRequests);
                return Task.FromResult(StubHandler.Response(HttpStatusCode.OK, $"{{\"access_token\":\"issued-{n}-{Guid.NewGuid():N}\",\"token_type\":\"Bearer\",\"expires_in\":300}}", "application/json"));
            }
            Interlocked.Increment(ref scimRequests);
            return Task.FromResult(StubHandler.Response(HttpStatusCode.Unauthorized, "{}"));
        });
        var secret = Secret("client-secret");
        using var session = new TargetSession(new TargetSessionOptions
        {
            Name = "stub",
            BaseUrl = new Uri("https://scim.example.test/v2"),
            Authentication = new OAuthClientCredentials(new Uri("https://login.example.test/oauth/token"), "suite", secret),
            Handler = handler,
        });

        var response = await Client(session).GetAsync("Users");

        Assert.Equal(401, response.Status);
        Assert.Equal(2, scimRequests);
        Assert.Equal(2, tokenRequests);
        // Client authentication went to the token endpoint only, with the secret, and never to the SCIM server.
        var tokenCall = handler.Requests.First(r => r.RequestUri!.Host == "login.example.test");
        Assert.Equal("Basic", tokenCall.Headers.Authorization?.Scheme);
        Assert.All(handler.Requests.Where(r => r.RequestUri!.Host == "scim.example.test"), r => Assert.Equal("Bearer", r.Headers.Authorization?.Scheme));
    }

    [Fact]
    public async Task A_requested_scope_the_client_may_not_have_is_a_failed_authentication_with_the_reason()
    {
        var secret = Secret("client-secret");
        await using var host = await StartAsync(new ReferenceServerOptions { Credentials = [new AcceptedOAuthClient("suite", secret) { Scope = "scim.read" }] });
        using var session = Session(host, new OAuthClientCredentials(host.TokenEndpoint, "suite", secret, "scim.admin"));

        var failure = await Assert.ThrowsAsync<HarnessException>(() => Client(session).GetAsync("Users"));
        Assert.Contains("invalid_scope", failure.Message);
        Assert.DoesNotContain(secret, failure.Message);
    }
}
