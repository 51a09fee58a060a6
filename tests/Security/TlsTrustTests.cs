using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.Authentication;
using Xunit;
using static Scim.Conformance.Tests.Security.SecurityFixtures;

namespace Scim.Conformance.Tests.Security;

/// <summary>Server certificates: the system trust store alone refuses the reference server's made-up authority; the
/// target's CA bundle makes it trusted; an unrelated bundle does not; switching verification off accepts anything.</summary>
public class TlsTrustTests
{
    private static Task<ReferenceServerHost> HttpsServerAsync(string token) => StartAsync(new ReferenceServerOptions { Token = token, Https = true });

    [Fact]
    public async Task A_server_certificate_from_an_unknown_authority_is_refused_as_a_harness_error()
    {
        var token = Secret("token");
        await using var host = await HttpsServerAsync(token);
        using var session = Session(host, new BearerAuthentication(token), connection: new ConnectionSettings());

        var failure = await Assert.ThrowsAsync<HarnessException>(() => Client(session).GetAsync("Users"));
        Assert.Contains("SSL", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token, failure.Message);
    }

    [Fact]
    public async Task The_targets_ca_bundle_makes_its_certificate_trusted()
    {
        var token = Secret("token");
        await using var host = await HttpsServerAsync(token);
        var bundle = Path.Combine(Path.GetTempPath(), $"scim-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(bundle, host.CertificateAuthorityPem, TestContext.Current.CancellationToken);
        try
        {
            using var session = Session(host, new BearerAuthentication(token), connection: new ConnectionSettings { ExtraAuthorities = ClientCertificates.LoadBundle(bundle) });
            Assert.Equal(200, (await Client(session).GetAsync("Users?count=1")).Status);
        }
        finally
        {
            File.Delete(bundle);
        }
    }

    [Fact]
    public async Task A_bundle_of_another_authority_does_not_make_it_trusted()
    {
        var token = Secret("token");
        await using var host = await HttpsServerAsync(token);
        var (unrelated, client) = ClientCertificate();
        client.Dispose();
        using var session = Session(host, new BearerAuthentication(token), connection: new ConnectionSettings { ExtraAuthorities = [unrelated] });

        await Assert.ThrowsAsync<HarnessException>(() => Client(session).GetAsync("Users"));
    }

    [Fact]
    public async Task Insecure_skip_verify_accepts_a_self_signed_server()
    {
        var token = Secret("token");
        await using var host = await HttpsServerAsync(token);
        using var session = Session(host, new BearerAuthentication(token), connection: new ConnectionSettings { InsecureSkipTlsVerify = true });

        Assert.Equal(200, (await Client(session).GetAsync("Users?count=1")).Status);
    }

    [Fact]
    public async Task The_proxy_setting_routes_requests_through_the_proxy()
    {
        // A proxy that refuses every connection: the request must fail there, showing it was routed to the proxy.
        var token = Secret("token");
        await using var host = await StartAsync(new ReferenceServerOptions { Token = token });
        using var session = Session(host, new BearerAuthentication(token), connection: new ConnectionSettings { Proxy = new Uri("http://127.0.0.1:9") });

        var failure = await Assert.ThrowsAsync<HarnessException>(() => Client(session).GetAsync("Users"));
        Assert.Contains("127.0.0.1:9", failure.Message);
    }
}
