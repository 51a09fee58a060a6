using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Scim.Conformance.Suites.Kit.Authentication;

/// <summary>How connections to a target are made: which server certificates are trusted, and the proxy.</summary>
public sealed record ConnectionSettings
{
    /// <summary>Authorities trusted in addition to the system trust store (a target's CA bundle).</summary>
    public IReadOnlyList<X509Certificate2> ExtraAuthorities { get; init; } = [];

    /// <summary>Accept any server certificate. For self-signed test servers only; the reports say so visibly.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>An HTTP proxy for every request; null uses the system's proxy settings (HTTPS_PROXY and friends).</summary>
    public Uri? Proxy { get; init; }

    /// <summary>A socket handler with these settings, never following redirects, presenting
    /// <paramref name="clientCertificate"/> when the server asks for one.</summary>
    internal SocketsHttpHandler CreateHandler(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed by no one: a redirect is evidence, and credentials must never follow it to another host.
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 64,
        };
        if (Proxy is not null)
        {
            handler.Proxy = new WebProxy(Proxy);
            handler.UseProxy = true;
        }
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            // Always offer it, even when the server's list of acceptable issuers does not name its issuer.
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }
        if (InsecureSkipTlsVerify)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        else if (ExtraAuthorities.Count > 0)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Trusted(certificate, chain, errors);
        return handler;
    }

    /// <summary>For the project's tests: the handler a session would use.</summary>
    public SocketsHttpHandler CreateHandlerForTest(X509Certificate2? clientCertificate) => CreateHandler(clientCertificate);

    /// <summary>The system's verdict, or, when only the chain failed, a chain to one of the extra authorities. A name
    /// mismatch is never forgiven.</summary>
    private bool Trusted(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(ExtraAuthorities.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
