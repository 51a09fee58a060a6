using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Suites.Kit.Authentication;

namespace Scim.Conformance.Suites.Kit;

/// <summary>How to reach the server under test.</summary>
public sealed record TargetSessionOptions
{
    public required string Name { get; init; }
    /// <summary>The SCIM base URL, e.g. <c>https://scim.example.com/v2</c>.</summary>
    public required Uri BaseUrl { get; init; }
    /// <summary>Bearer token, held in memory only; never written anywhere. Shorthand for a <see cref="BearerAuthentication"/>
    /// when <see cref="Authentication"/> is not given.</summary>
    public string? Token { get; init; }
    /// <summary>How requests are authenticated; null means <see cref="Token"/> as a bearer token, or none.</summary>
    public TargetAuthentication? Authentication { get; init; }
    /// <summary>Mutual TLS: the client certificate (with its private key) presented to the target.</summary>
    public X509Certificate2? ClientCertificate { get; init; }
    /// <summary>A second set of credentials, for the checks that need two actors (pagination.cursor.other-actor).</summary>
    public TargetIdentityOptions? SecondIdentity { get; init; }
    /// <summary>Server certificate trust and proxy.</summary>
    public ConnectionSettings Connection { get; init; } = new();
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Bodies are kept in the evidence up to this many characters.</summary>
    public int RecordedBodyLimit { get; init; } = 64 * 1024;
    /// <summary>A response larger than this is refused (a hostile server must not exhaust memory).</summary>
    public long MaxResponseBytes { get; init; } = 16 * 1024 * 1024;
    public RunPrefix? Prefix { get; init; }
    public string Profile { get; init; } = Profiles.Strict;
    /// <summary>The target's declared deprovisioning policy (deactivation suite); null when it declares none.</summary>
    public DeprovisioningPolicy? Deprovisioning { get; init; }
    /// <summary>How to probe an identity's credential (deactivation suite); null when not configured.</summary>
    public CredentialProbeSettings? CredentialProbe { get; init; }
    /// <summary>For tests: the handler to send through instead of a socket.</summary>
    public HttpMessageHandler? Handler { get; init; }
    /// <summary>At most this many requests per second to the target (all checks together); null for no limit.</summary>
    public double? MaxRequestsPerSecond { get; init; }
    /// <summary>At most this many requests in flight at once; null for no limit beyond the check concurrency.</summary>
    public int? MaxConcurrentRequests { get; init; }
    /// <summary>How 429 and 503 answers are waited out and retried.</summary>
    public RetryPolicy Retries { get; init; } = RetryPolicy.Default;
    /// <summary>The clock that paces requests, times back-off waits and expires OAuth tokens (a test moves a fake one
    /// instead of waiting).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>For production tenants: the client refuses to send anything that could change the target.</summary>
    public bool ReadOnly { get; init; }
    /// <summary>Members merged into every body the suite creates, by resource type (<c>resourceTemplates</c> in
    /// targets.json); null when the target configures none.</summary>
    public ResourceTemplates? ResourceTemplates { get; init; }
}

/// <summary>Everything a run shares across checks: one HTTP connection pool, the credentials, the run prefix and
/// the discovered server description (fetched once). Safe for concurrent checks.</summary>
public sealed class TargetSession : IDisposable
{
    private readonly Lazy<Task<DiscoverySnapshot>> _discovery;

    public TargetSession(TargetSessionOptions options)
    {
        Options = options;
        // A trailing slash makes relative paths resolve under the base URL instead of replacing its last segment.
        // (The path gets the slash, not the end of a query: a base URL may carry one, e.g. a vendor's token.)
        var withSlash = new UriBuilder(options.BaseUrl);
        if (!withSlash.Path.EndsWith('/'))
            withSlash.Path += "/";
        BaseUrl = withSlash.Uri;
        Prefix = options.Prefix ?? RunPrefix.NewRandom();
        // A token in the base URL's query or user-info (and a proxy's password) is a secret like any other.
        Redactor = new Redactor([options.Token, .. UrlSecrets.In(options.BaseUrl), .. UrlSecrets.In(options.Connection.Proxy)]);
        var primary = new TargetIdentityOptions
        {
            Authentication = options.Authentication ?? (options.Token is null ? NoAuthentication.Instance : new BearerAuthentication(options.Token)),
            ClientCertificate = options.ClientCertificate,
        };
        // Pacing and the in-flight cap are the target's, whichever identity sends (and an OAuth renewal's resend is paced too).
        Pacer = options.MaxRequestsPerSecond is { } rps ? new RequestPacer(rps, options.Clock) : null;
        InFlight = options.MaxConcurrentRequests is { } most ? new SemaphoreSlim(most, most) : null;
        // A test's handler is shared by every client and disposed once, by the session.
        HttpMessageHandler Connection(X509Certificate2? certificate) => options.Handler ?? options.Connection.CreateHandler(certificate);
        var owns = options.Handler is null;
        Primary = new TargetIdentity("primary", primary, Connection(primary.ClientCertificate), owns, Redactor, options.Clock, Pacer);
        if (options.SecondIdentity is { } second)
            Second = new TargetIdentity("second", second, Connection(second.ClientCertificate), owns, Redactor, options.Clock, Pacer);
        // Requests without credentials (and any to another origin) go without a client certificate too.
        Anonymous = new TargetIdentity("anonymous", new TargetIdentityOptions(), Connection(null), owns, Redactor, options.Clock, Pacer);
        _discovery = new Lazy<Task<DiscoverySnapshot>>(() => DiscoverySnapshot.FetchAsync(this, CancellationToken.None));
        Boundary = new Safety.RequestBoundary(BaseUrl,
            options.CredentialProbe is { } probe ? new[] { probe.TokenUrl, probe.ProtectedUrl, probe.IntrospectionUrl }.OfType<Uri>() : null);
        Ownership = new Safety.RunOwnership(Prefix, Boundary);
    }

    public TargetSessionOptions Options { get; }
    public string Name => Options.Name;
    /// <summary>The base URL, always ending with '/'.</summary>
    public Uri BaseUrl { get; }
    public RunPrefix Prefix { get; }
    public Redactor Redactor { get; }
    /// <summary>The primary identity's client.</summary>
    public HttpClient Http => Primary.Http;
    public string Profile => Options.Profile;
    /// <summary>Spaces requests under --max-rps; null when the rate is not limited.</summary>
    internal RequestPacer? Pacer { get; }
    /// <summary>Bounds the requests in flight; null when not bounded.</summary>
    internal SemaphoreSlim? InFlight { get; }

    /// <summary>The configured credentials.</summary>
    public TargetIdentity Primary { get; }
    /// <summary>The second identity, when the target configures one.</summary>
    public TargetIdentity? Second { get; }
    /// <summary>No credentials and no client certificate.</summary>
    public TargetIdentity Anonymous { get; }

    /// <summary>The one rule for where requests go: under the base URL.</summary>
    public Safety.RequestBoundary Boundary { get; }

    /// <summary>The resources that are the run's by proof: the only ones it writes to or deletes.</summary>
    public Safety.RunOwnership Ownership { get; }

    /// <summary>What the server did that the run refused to follow (requests not sent, resources not taken as the run's).</summary>
    public ConcurrentQueue<SafetyFinding> SafetyFindings { get; } = new();

    /// <summary>Set when a create or delete of the run was cut off or refused, so something of the run's may be left on
    /// the target that no ledger knows of: the run then ends with a sweep of its own prefix.</summary>
    public bool MayHaveLeftSomethingBehind => Volatile.Read(ref _leftSomething) != 0;

    private int _leftSomething;

    /// <summary>Records that something of the run's may be left behind (see <see cref="MayHaveLeftSomethingBehind"/>).</summary>
    public void NoteLeftSomethingBehind() => Interlocked.Exchange(ref _leftSomething, 1);

    /// <summary>Records a finding, naming the check it happened in (if any); at most a bounded number are kept.</summary>
    public void AddSafetyFinding(string kind, string detail)
    {
        if (SafetyFindings.Count < MaxSafetyFindings)
            SafetyFindings.Enqueue(new SafetyFinding(kind, Redactor.Text(ScimJson.Abbreviate(detail, 1000)), CheckContext.Current?.Check.Id));
    }

    private const int MaxSafetyFindings = 500;

    /// <summary>Exchanges made on behalf of the whole run (discovery), not of one check.</summary>
    public ConcurrentQueue<Exchange> SessionExchanges { get; } = new();

    /// <summary>What each resource type's bodies need for the server to accept them, learned once per type and run.</summary>
    public CreationRules CreationRules { get; } = new();

    /// <summary>ServiceProviderConfig, ResourceTypes and Schemas as first read; every check shares this read.</summary>
    public Task<DiscoverySnapshot> DiscoveryAsync() => _discovery.Value;

    public Uri Resolve(string pathOrUrl)
    {
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            return absolute;
        return new Uri(BaseUrl, pathOrUrl.TrimStart('/'));
    }

    /// <summary>True when the URL is on the target's origin and under its base path at a segment boundary: the only
    /// place any request goes (see <see cref="Safety.RequestBoundary"/>).</summary>
    public bool IsUnderBaseUrl(Uri url) => Boundary.Contains(url);

    public void Dispose()
    {
        Primary.Dispose();
        Second?.Dispose();
        Anonymous.Dispose();
        Options.Handler?.Dispose();
        InFlight?.Dispose();
    }
}
