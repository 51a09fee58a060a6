namespace Scim.Conformance.Suites.Kit;

/// <summary>Which requests cannot change a SCIM service provider: GET, HEAD and OPTIONS, and a POST to a
/// <c>/.search</c> endpoint (RFC 7644 §3.4.3: a query sent in a body). Everything else may write, even when it is
/// meant to be refused (a lenient server might accept it), so a read-only run never sends it.</summary>
public static class ChangesNothing
{
    public static bool IsWrite(HttpMethod method, Uri url)
    {
        if (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options)
            return false;
        return !(method == HttpMethod.Post && url.AbsolutePath.TrimEnd('/').EndsWith("/.search", StringComparison.Ordinal));
    }
}
