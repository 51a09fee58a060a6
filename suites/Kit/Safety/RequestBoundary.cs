namespace Scim.Conformance.Suites.Kit.Safety;

/// <summary>The one rule for where requests go: under the target's base URL — the same scheme, host and port, and a
/// path that is the base path itself or continues it at a segment boundary (<c>/scim/v2/Users</c> is under
/// <c>/scim/v2</c>; <c>/scim/v2-evil/Users</c> is not). Whatever URL a server names (a ResourceType <c>endpoint</c>,
/// <c>Location</c>, <c>meta.location</c>, <c>$ref</c>, a redirect) passes this rule or is not requested at all, with any
/// credentials or without.</summary>
public sealed class RequestBoundary
{
    private readonly Uri _base;
    private readonly string _basePath;
    private readonly Uri[] _configured;

    /// <param name="baseUrl">The base URL, ending with '/'.</param>
    /// <param name="configured">URLs the user configured for the target outside its base URL (the deactivation suite's
    /// credential probe: a token, protected or introspection URL). They are the user's choice, never a server's, and
    /// are allowed as exactly configured (any query aside).</param>
    public RequestBoundary(Uri baseUrl, IEnumerable<Uri>? configured = null)
    {
        _base = baseUrl;
        _basePath = baseUrl.AbsolutePath.EndsWith('/') ? baseUrl.AbsolutePath : baseUrl.AbsolutePath + "/";
        _configured = [.. configured ?? []];
    }

    /// <summary>True when <paramref name="url"/> is under the base URL or is one of the configured URLs.</summary>
    public bool Allows(Uri url) => Contains(url) || IsConfigured(url);

    /// <summary>True when <paramref name="url"/> is one of the URLs the user configured (any query aside).</summary>
    public bool IsConfigured(Uri url) =>
        _configured.Any(c => Uri.Compare(c, url, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped, StringComparison.Ordinal) == 0);

    /// <summary>True when <paramref name="url"/> is under the base URL.</summary>
    public bool Contains(Uri url) =>
        url.IsAbsoluteUri
        && string.Equals(url.Scheme, _base.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.IdnHost, _base.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == _base.Port
        && url.UserInfo.Length == 0
        && (url.AbsolutePath.StartsWith(_basePath, StringComparison.Ordinal) || url.AbsolutePath == _basePath.TrimEnd('/'));

    /// <summary>The path of <paramref name="url"/> below the base path, as unescaped segments (empty for the base
    /// itself); null when the URL is not under the base URL.</summary>
    public IReadOnlyList<string>? SegmentsBelowBase(Uri url)
    {
        if (!Contains(url))
            return null;
        var below = url.AbsolutePath.Length > _basePath.Length ? url.AbsolutePath[_basePath.Length..] : "";
        return below.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
    }

    /// <summary>The first path segment of a URL or relative path as written (before any normalisation) that is a dot
    /// segment, "." or "..", plainly or percent-encoded; null when there is none. A URL parser would collapse such a
    /// segment and send the request to a parent path — to the collection or the base itself instead of a resource.</summary>
    public static string? DotSegment(string pathOrUrl)
    {
        var path = pathOrUrl;
        var query = path.IndexOfAny(['?', '#']);
        if (query >= 0)
            path = path[..query];
        if (Uri.TryCreate(path, UriKind.Absolute, out _) && path.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0)
        {
            var slash = path.IndexOf('/', scheme + 3);
            path = slash < 0 ? "" : path[slash..];
        }
        foreach (var segment in path.Split('/'))
        {
            var plain = segment.Replace("%2e", ".", StringComparison.OrdinalIgnoreCase);
            if (plain is "." or "..")
                return segment;
        }
        return null;
    }
}
