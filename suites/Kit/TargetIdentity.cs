using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Scim.Conformance.Suites.Kit.Authentication;

namespace Scim.Conformance.Suites.Kit;

/// <summary>One set of credentials for a target: HTTP authentication and, for mutual TLS, a client certificate.</summary>
public sealed record TargetIdentityOptions
{
    public TargetAuthentication Authentication { get; init; } = NoAuthentication.Instance;
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>What reports may show of it: the scheme names, never a secret (e.g. "bearer", "basic + client-certificate").</summary>
    public string Description => ClientCertificate is null ? Authentication.Scheme
        : Authentication.SendsCredentials ? $"{Authentication.Scheme} + client-certificate" : "client-certificate";

    /// <summary>Whether requests are authenticated at all (by header or by certificate).</summary>
    public bool Authenticates => Authentication.SendsCredentials || ClientCertificate is not null;
}

/// <summary>The HTTP client of one identity: its own connections (with its client certificate, if any) and its
/// credentials applied per request. A session has a primary identity and, optionally, a second one (RFC 9865: a cursor
/// one actor obtained must confer nothing on another).</summary>
public sealed class TargetIdentity : IDisposable
{
    internal TargetIdentity(string label, TargetIdentityOptions options, HttpMessageHandler connection, bool ownsConnection, Redactor redactor, TimeProvider clock,
        RequestPacer? pacer = null)
    {
        Label = label;
        Options = options;
        options.Authentication.Attach(new AuthenticationServices(redactor, new HttpMessageInvoker(connection, disposeHandler: false), clock));
        Http = new HttpClient(new AuthenticatingHandler(options.Authentication, pacer) { InnerHandler = connection }, disposeHandler: ownsConnection)
        {
            // Per-request timeouts are enforced by ScimClient so that they can be reported as such.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("scim-conformance", "0.1"));
    }

    /// <summary>"primary" or "second".</summary>
    public string Label { get; }
    public TargetIdentityOptions Options { get; }
    public TargetAuthentication Authentication => Options.Authentication;
    public HttpClient Http { get; }

    public void Dispose() => Http.Dispose();
}
