using System.Security.Cryptography.X509Certificates;
using Scim.Conformance.ReferenceServer;
using Scim.Conformance.ReferenceServer.Security;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Suites.Kit.Authentication;
using Xunit;

namespace Scim.Conformance.Tests.Security;

/// <summary>Secrets, certificates and sessions for the authentication tests: every secret is random per test, so a
/// leak can be searched for by value.</summary>
public static class SecurityFixtures
{
    // With the characters that JSON, HTML and URL encoders re-spell (issue 16): a leak test finds those spellings too.
    public static string Secret(string what) => $"{what}+{Guid.NewGuid():N}/x==";

    /// <summary>A certificate authority for client certificates, and a client certificate with this common name it issued.</summary>
    public static (X509Certificate2 Authority, X509Certificate2 Client) ClientCertificate(string commonName = "scim-conformance-client")
    {
        var (authority, authorityWithKey) = ServerCertificates.CreateAuthority("CN=client test CA");
        using (authorityWithKey)
            return (authority, ServerCertificates.IssueClientCertificate(commonName, authorityWithKey));
    }

    public static Task<ReferenceServerHost> StartAsync(ReferenceServerOptions options) =>
        ReferenceServerHost.StartAsync(options, TestContext.Current.CancellationToken);

    /// <summary>A session that trusts the server's own certificate authority when it serves TLS.</summary>
    public static TargetSession Session(ReferenceServerHost host, TargetAuthentication? authentication = null, X509Certificate2? clientCertificate = null,
        TimeProvider? clock = null, TargetIdentityOptions? second = null, ConnectionSettings? connection = null) =>
        new(new TargetSessionOptions
        {
            Name = "security-test",
            BaseUrl = host.BaseUrl,
            Authentication = authentication,
            ClientCertificate = clientCertificate,
            SecondIdentity = second,
            Clock = clock ?? TimeProvider.System,
            Connection = connection ?? new ConnectionSettings { ExtraAuthorities = host.CertificateAuthority is { } ca ? [ca] : [] },
            RequestTimeout = TimeSpan.FromSeconds(10),
        });

    public static ScimClient Client(TargetSession session, List<Exchange>? recorded = null) =>
        new(session, (recorded ?? []).Add, TestContext.Current.CancellationToken);
}
