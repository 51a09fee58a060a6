using System.Text;
using System.Text.RegularExpressions;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Secrets a URL carries: the password of its user-info (<c>http://user:pw@host</c>; the user name when it stands alone, as a token) and the values of its
/// query (<c>?access_token=…</c>, <c>?code=…</c>). Which query parameter names a credential differs by vendor, so
/// every query value is treated as one, except numbers and <c>true</c>/<c>false</c> (no credential, and masking
/// them everywhere would mangle every report).</summary>
public static partial class UrlSecrets
{
    /// <summary>The secrets in <paramref name="url"/>, as written in it and decoded; for user-info also the HTTP Basic
    /// encoding of <c>user:password</c>, which a client may derive from it.</summary>
    public static IEnumerable<string> In(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri)
            yield break;
        var userInfo = url.UserInfo;
        var colon = userInfo.IndexOf(':');
        if (colon >= 0)
        {
            var password = userInfo[(colon + 1)..];
            yield return password;
            yield return Uri.UnescapeDataString(password);
            yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(userInfo)));
        }
        else if (userInfo.Length > 0)
        {
            // A user name alone is how some services take a token (https://TOKEN@host).
            yield return userInfo;
            yield return Uri.UnescapeDataString(userInfo);
        }
        foreach (var pair in url.Query.TrimStart('?').Split('&'))
        {
            var equals = pair.IndexOf('=');
            if (equals < 0)
                continue;
            var value = pair[(equals + 1)..];
            if (value.Length == 0 || IsPlainValue(value))
                continue;
            yield return value;
            yield return Uri.UnescapeDataString(value.Replace('+', ' '));
            yield return Uri.UnescapeDataString(value);
        }
    }

    /// <summary>The text of a URL, which need not even parse, with its user-info password and every query value
    /// masked (all of the user-info when it has no ':', as a token used as the user name): for error lines about a URL the user gave (a bad <c>--base-url</c> or <c>--proxy</c>).</summary>
    public static string Masked(string url)
    {
        return QueryValue().Replace(WithoutPassword(url), m => m.Groups["name"].Value + Redactor.Mask);
    }

    // By hand, not with Uri: the text may be malformed precisely because the password holds a '/', '?' or '@'.
    private static string WithoutPassword(string url)
    {
        var authority = url.IndexOf("//", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        if (authority < 0 || at < authority)
            return url;
        var userInfo = url[(authority + 2)..at];
        var pathStart = userInfo.IndexOfAny(['/', '?', '#']);
        var colon = userInfo.IndexOf(':');
        // "host/path@x" has no user-info; "user:pa/ss@host" does (a ':' before the first '/').
        if (pathStart >= 0 && (colon < 0 || colon > pathStart))
            return url;
        var kept = colon < 0 ? "" : userInfo[..(colon + 1)];
        return url[..(authority + 2)] + kept + Redactor.Mask + url[at..];
    }

    private static bool IsPlainValue(string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
        || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"(?<name>[?&][^=&#]*=)[^&#]+")]
    private static partial Regex QueryValue();
}
