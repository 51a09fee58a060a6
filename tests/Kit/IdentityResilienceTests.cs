using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.Authentication;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Kit;

/// <summary>The credentials of every identity and the resilience of the client work together: each retried attempt
/// carries the credentials of the identity that sent it, the second identity is bound by --read-only like the first,
/// and a request resent after an OAuth renewal waits for its own --max-rps turn.</summary>
public class IdentityResilienceTests
{
    private const string SecondToken = "second-identity-token-0123456789";
    private readonly List<Exchange> _recorded = [];
    private readonly InstantClock _clock = new();
    private readonly List<(DateTimeOffset At, HttpRequestMessage Request)> _sent = [];

    private TargetSession SessionOver(Func<HttpRequestMessage, int, HttpResponseMessage> answer, TargetAuthentication? authentication = null,
        double? maxRps = null, bool readOnly = false)
    {
        var count = 0;
        var handler = new StubHandler((request, _) =>
        {
            lock (_sent)
                _sent.Add((_clock.GetUtcNow(), request));
            return Task.FromResult(answer(request, Interlocked.Increment(ref count)));
        });
        return new TargetSession(new TargetSessionOptions
        {
            Name = "stub",
            BaseUrl = new Uri("https://scim.example.test/v2"),
            Token = authentication is null ? Sessions.Token : null,
            Authentication = authentication,
            SecondIdentity = new TargetIdentityOptions { Authentication = new BearerAuthentication(SecondToken) },
            Handler = handler,
            Clock = _clock,
            MaxRequestsPerSecond = maxRps,
            ReadOnly = readOnly,
        });
    }

    private ScimClient ClientOf(TargetSession session) =>
        new(session, e => { lock (_recorded) _recorded.Add(e); }, TestContext.Current.CancellationToken);

    private static HttpResponseMessage Answer(HttpStatusCode status, Action<HttpResponseMessage>? adjust = null)
    {
        var response = StubHandler.Response(status, "{}");
        adjust?.Invoke(response);
        return response;
    }

    [Fact]
    public async Task A_retried_request_of_the_second_identity_carries_its_credentials_on_every_attempt()
    {
        using var session = SessionOver((_, n) => n == 1
            ? Answer(HttpStatusCode.TooManyRequests, r => r.Headers.Add("Retry-After", "3"))
            : Answer(HttpStatusCode.OK));

        var response = await ClientOf(session).As(session.Second!).GetAsync("Users");

        Assert.Equal(200, response.Status);
        Assert.Equal([TimeSpan.FromSeconds(3)], _clock.Waits);
        Assert.Equal(2, _sent.Count);
        Assert.All(_sent, s => Assert.Equal($"Bearer {SecondToken}", s.Request.Headers.Authorization?.ToString()));
        Assert.Equal(2, _recorded.Count);
        Assert.Contains("retry 1 of 3 after 3 s (Retry-After: 3)", _recorded[0].Note);
        // The second identity's token is as secret as the first's.
        Assert.All(_recorded, e => Assert.DoesNotContain(SecondToken, string.Join(" ", e.RequestHeaders.Values)));
    }

    [Fact]
    public async Task A_read_only_session_refuses_writes_of_the_second_identity_before_sending()
    {
        using var session = SessionOver((_, _) => Answer(HttpStatusCode.OK), readOnly: true);
        var second = ClientOf(session).As(session.Second!);

        var error = await Assert.ThrowsAsync<HarnessException>(() => second.PostAsync("Users", new JsonObject()));
        await Assert.ThrowsAsync<HarnessException>(() => second.PatchAsync("Users/1", new JsonObject()));
        await second.GetAsync("Users");

        Assert.Contains("read-only", error.Message);
        Assert.Single(_sent);
    }

    [Fact]
    public async Task A_request_resent_after_an_oauth_renewal_waits_for_its_own_max_rps_turn()
    {
        var tokens = 0;
        using var session = SessionOver((request, _) =>
        {
            if (request.RequestUri!.AbsolutePath == "/oauth/token")
            {
                var token = $"issued-token-{Interlocked.Increment(ref tokens)}";
                return new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent($"{{\"access_token\":\"{token}\",\"token_type\":\"Bearer\",\"expires_in\":3600}}", Encoding.UTF8, "application/json"),
                };
            }
            // The target has revoked the first token early.
            return request.Headers.Authorization?.Parameter == "issued-token-1" ? Answer(HttpStatusCode.Unauthorized) : Answer(HttpStatusCode.OK);
        }, new OAuthClientCredentials(new Uri("https://scim.example.test/oauth/token"), "client", "client-secret-0123456789"), maxRps: 1);

        var response = await ClientOf(session).GetAsync("Users");

        Assert.Equal(200, response.Status);
        var toTarget = _sent.Where(s => s.Request.RequestUri!.AbsolutePath != "/oauth/token").ToList();
        Assert.Equal(["Bearer issued-token-1", "Bearer issued-token-2"], toTarget.Select(s => s.Request.Headers.Authorization!.ToString()));
        Assert.True(toTarget[1].At - toTarget[0].At >= TimeSpan.FromSeconds(1),
            $"the resend went {toTarget[1].At - toTarget[0].At} after the first request, inside the 1 request/s pacing");
    }
}
