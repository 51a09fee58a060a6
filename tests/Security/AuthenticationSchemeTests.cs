using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.Authentication;
using Xunit;
using static Scim.Conformance.Tests.Security.SecurityFixtures;

namespace Scim.Conformance.Tests.Security;

/// <summary>Each authentication scheme against the reference server configured to require it: the configured
/// credentials are served, none and a wrong one of the same scheme are refused with 401 and a challenge naming the
/// scheme, and the recorded evidence never holds the secret.</summary>
public class AuthenticationSchemeTests
{
    public static TheoryData<string> Schemes => new(["bearer", "basic", "api-key", "oauth2-basic", "oauth2-post"]);

    /// <summary>A server requiring the scheme, the matching client authentication, the secrets involved, and the challenge scheme.</summary>
    private static (ReferenceServerOptions Server, Func<ReferenceServerHost, TargetAuthentication> Client, string[] Secrets, string Challenge) Setup(string scheme)
    {
        switch (scheme)
        {
            case "bearer":
                var token = Secret("token");
                return (new ReferenceServerOptions { Token = token }, _ => new BearerAuthentication(token), [token], "Bearer");
            case "basic":
                var password = Secret("password");
                return (new ReferenceServerOptions { Credentials = [new AcceptedBasicCredentials("scim-client", password)] },
                    _ => new BasicAuthentication("scim-client", password), [password], "Basic");
            case "api-key":
                var key = Secret("api-key");
                return (new ReferenceServerOptions { Credentials = [new AcceptedApiKey("X-Vendor-Key", key)] },
                    _ => new ApiKeyAuthentication("X-Vendor-Key", key), [key], "ApiKey");
            default:
                var clientSecret = Secret("client-secret");
                var post = scheme == "oauth2-post";
                return (new ReferenceServerOptions { Credentials = [new AcceptedOAuthClient("scim-suite", clientSecret) { Scope = "scim.read scim.write" }] },
                    host => new OAuthClientCredentials(host.TokenEndpoint, "scim-suite", clientSecret, "scim.read scim.write",
                        post ? OAuthClientAuthentication.Post : OAuthClientAuthentication.Basic),
                    [clientSecret], "Bearer");
        }
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task The_configured_credentials_are_served_and_none_or_wrong_ones_are_refused(string scheme)
    {
        var (options, authentication, secrets, challenge) = Setup(scheme);
        await using var host = await StartAsync(options);
        using var session = Session(host, authentication(host));
        var recorded = new List<Exchange>();
        var client = Client(session, recorded);

        Assert.Equal(200, (await client.GetAsync("Users?count=1")).Status);
        foreach (var credentials in new[] { Credentials.None, Credentials.Wrong })
        {
            var refused = await client.GetAsync("Users?count=1", credentials);
            Assert.Equal(401, refused.Status);
            Assert.StartsWith(challenge + " ", refused.Header("WWW-Authenticate"));
        }
        var evidence = string.Join("\n", recorded.Select(e => System.Text.Json.JsonSerializer.Serialize(e, ResultJson.Options)));
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, evidence));
        Assert.Contains(Redactor.Mask, evidence);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task The_authentication_checks_pass_against_a_server_requiring_the_scheme(string scheme)
    {
        var (options, authentication, _, _) = Setup(scheme);
        await using var host = await StartAsync(options);
        using var session = Session(host, authentication(host));
        var target = new TargetInfo { Name = "security-test", BaseUrl = host.BaseUrl.ToString() };
        var document = await new Scim.Conformance.Runner.Execution.ConformanceRun(session, target, new Scim.Conformance.Runner.Execution.Selection(["auth"], [], CheckCatalog.All), 4)
            .ExecuteAsync(CheckCatalog.All, cancellationToken: TestContext.Current.CancellationToken);
        var auth = document.Checks.Where(c => c.Area == "auth").ToList();
        Assert.NotEmpty(auth);
        Assert.All(auth, c => Assert.True(c.Outcome == Outcome.Pass, $"{c.Id}: {c.Outcome} {c.Reason} | {c.Actual}"));
    }

    [Fact]
    public async Task Mutual_tls_serves_a_client_certificate_from_the_trusted_authority_and_refuses_a_request_without_one()
    {
        var (authority, certificate) = ClientCertificate("suite-client");
        await using var host = await StartAsync(new ReferenceServerOptions
        {
            ClientCertificateAuthority = authority,
            Credentials = [new AcceptedClientCertificate("suite-client")],
        });
        Assert.Equal("https", host.BaseUrl.Scheme);
        using var session = Session(host, clientCertificate: certificate);
        var client = Client(session);

        Assert.Equal(200, (await client.GetAsync("Users?count=1")).Status);
        var anonymous = await client.GetAsync("Users?count=1", Credentials.None);
        Assert.Equal(401, anonymous.Status);
        Assert.Equal("client-certificate", session.Primary.Options.Description);
    }

    [Fact]
    public async Task Mutual_tls_refuses_a_certificate_from_another_authority_in_the_handshake()
    {
        var (authority, _) = ClientCertificate("suite-client");
        var (_, stranger) = ClientCertificate("suite-client");
        await using var host = await StartAsync(new ReferenceServerOptions
        {
            ClientCertificateAuthority = authority,
            Credentials = [new AcceptedClientCertificate("suite-client")],
        });
        using var session = Session(host, clientCertificate: stranger);

        var failure = await Assert.ThrowsAsync<HarnessException>(() => Client(session).GetAsync("Users?count=1"));
        Assert.Contains("failed", failure.Message);
    }

    [Fact]
    public async Task The_probe_reports_refused_credentials_by_scheme_without_the_secret()
    {
        var password = Secret("password");
        await using var host = await StartAsync(new ReferenceServerOptions { Credentials = [new AcceptedBasicCredentials("u", password)] });
        using var session = Session(host, new BasicAuthentication("u", "not-" + password));

        var refused = await Assert.ThrowsAsync<Scim.Conformance.Runner.Execution.TargetUnreachableException>(
            () => Scim.Conformance.Runner.Execution.TargetProbe.EnsureReachableAsync(session, TestContext.Current.CancellationToken));
        Assert.Contains("401", refused.Message);
        Assert.Contains("basic", refused.Message);
        Assert.DoesNotContain(password, refused.Message);
    }

    [Fact]
    public async Task The_probe_reports_a_refused_oauth_client_as_failed_authentication()
    {
        var secret = Secret("client-secret");
        await using var host = await StartAsync(new ReferenceServerOptions { Credentials = [new AcceptedOAuthClient("suite", secret)] });
        using var session = Session(host, new OAuthClientCredentials(host.TokenEndpoint, "suite", "wrong-" + secret));

        var refused = await Assert.ThrowsAsync<Scim.Conformance.Runner.Execution.TargetUnreachableException>(
            () => Scim.Conformance.Runner.Execution.TargetProbe.EnsureReachableAsync(session, TestContext.Current.CancellationToken));
        Assert.Contains("authentication failed", refused.Message);
        Assert.Contains("invalid_client", refused.Message);
        Assert.DoesNotContain(secret, refused.Message);
    }

    [Fact]
    public async Task A_second_identity_that_is_refused_stops_the_run_before_any_check()
    {
        var token = Secret("token");
        await using var host = await StartAsync(new ReferenceServerOptions { Token = token });
        using var session = Session(host, new BearerAuthentication(token),
            second: new TargetIdentityOptions { Authentication = new BearerAuthentication(Secret("unknown")) });

        var refused = await Assert.ThrowsAsync<Scim.Conformance.Runner.Execution.TargetUnreachableException>(
            () => Scim.Conformance.Runner.Execution.TargetProbe.EnsureReachableAsync(session, TestContext.Current.CancellationToken));
        Assert.Contains("second identity", refused.Message);
    }
}
