using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>How to reach the server under test.</summary>
public sealed record TargetSessionOptions
{
    public required string Name { get; init; }
    /// <summary>The SCIM base URL, e.g. <c>https://scim.example.com/v2</c>.</summary>
    public required Uri BaseUrl { get; init; }
    /// <summary>Bearer token, held in memory only; never written anywhere.</summary>
    public string? Token { get; init; }
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
        var baseText = options.BaseUrl.ToString();
        BaseUrl = new Uri(baseText.EndsWith('/') ? baseText : baseText + "/");
        Prefix = options.Prefix ?? RunPrefix.NewRandom();
        Redactor = new Redactor([options.Token]);
        Http = new HttpClient(options.Handler ?? new SocketsHttpHandler
        {
            // Redirects are followed by no one: a redirect is evidence, and credentials must never follow it to another host.
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 64,
        }, disposeHandler: true)
        {
            // Per-request timeouts are enforced by ScimClient so that they can be reported as such.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("scim-conformance", "0.1"));
        _discovery = new Lazy<Task<DiscoverySnapshot>>(() => DiscoverySnapshot.FetchAsync(this, CancellationToken.None));
    }

    public TargetSessionOptions Options { get; }
    public string Name => Options.Name;
    /// <summary>The base URL, always ending with '/'.</summary>
    public Uri BaseUrl { get; }
    public RunPrefix Prefix { get; }
    public Redactor Redactor { get; }
    public HttpClient Http { get; }
    public string Profile => Options.Profile;

    internal AuthenticationHeaderValue? Authorization =>
        Options.Token is null ? null : new AuthenticationHeaderValue("Bearer", Options.Token);

    /// <summary>Exchanges made on behalf of the whole run (discovery), not of one check.</summary>
    public ConcurrentQueue<Exchange> SessionExchanges { get; } = new();

    /// <summary>ServiceProviderConfig, ResourceTypes and Schemas as first read; every check shares this read.</summary>
    public Task<DiscoverySnapshot> DiscoveryAsync() => _discovery.Value;

    public Uri Resolve(string pathOrUrl)
    {
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            return absolute;
        return new Uri(BaseUrl, pathOrUrl.TrimStart('/'));
    }

    /// <summary>True when the URL is on the target's origin and under its base path: the only place credentials go.</summary>
    public bool IsUnderBaseUrl(Uri url) =>
        Uri.Compare(url, BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
        && url.AbsolutePath.StartsWith(BaseUrl.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);

    public void Dispose() => Http.Dispose();
}
