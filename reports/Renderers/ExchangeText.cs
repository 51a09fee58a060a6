using System.Text;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>An HTTP exchange as text, close to what goes over the wire. The HTML report shows it in
/// <c>&lt;pre&gt;</c> blocks and Allure stores it as attachments, so both show the very same text.</summary>
public static class ExchangeText
{
    /// <summary>One line naming the exchange, e.g. <c>GET /Users?filter=… → 200</c>; the path is shown relative
    /// to the target's base URL when it lies below it, because that is how the RFCs name endpoints.</summary>
    public static string Title(Exchange exchange, string? baseUrl = null) =>
        $"{exchange.Method} {RelativeUrl(exchange.Url, baseUrl)} → {StatusText(exchange)}";

    public static string StatusText(Exchange exchange) =>
        exchange.Status is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no response";

    public static string RelativeUrl(string url, string? baseUrl)
    {
        if (!string.IsNullOrEmpty(baseUrl))
        {
            var root = baseUrl.TrimEnd('/');
            if (url.StartsWith(root, StringComparison.OrdinalIgnoreCase)
                && (url.Length == root.Length || url[root.Length] is '/' or '?'))
            {
                var rest = url[root.Length..];
                return rest.Length == 0 ? "/" : rest;
            }
        }
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : url;
    }

    /// <summary>Request line, headers, blank line, body; notes a truncated body.</summary>
    public static string Request(Exchange exchange)
    {
        var sb = new StringBuilder();
        sb.Append(exchange.Method).Append(' ').Append(exchange.Url).Append('\n');
        AppendHeadersAndBody(sb, exchange.RequestHeaders, exchange.RequestBody, exchange.RequestBodyTruncated, null);
        return sb.ToString();
    }

    /// <summary>Status line, headers, blank line, body; or why no response arrived.</summary>
    public static string Response(Exchange exchange)
    {
        var sb = new StringBuilder();
        if (exchange.Status is null)
        {
            sb.Append("No response: ").Append(exchange.Error ?? "unknown error").Append('\n');
            return sb.ToString();
        }
        sb.Append("HTTP ").Append(StatusText(exchange)).Append('\n');
        if (exchange.Note is not null)
            sb.Append("Note: ").Append(exchange.Note).Append('\n');
        AppendHeadersAndBody(sb, exchange.ResponseHeaders, exchange.ResponseBody, exchange.ResponseBodyTruncated,
            exchange.ResponseBodyBytes);
        return sb.ToString();
    }

    private static void AppendHeadersAndBody(StringBuilder sb, IReadOnlyDictionary<string, string> headers,
        string? body, bool truncated, long? fullBytes)
    {
        foreach (var (name, value) in headers)
            sb.Append(name).Append(": ").Append(value).Append('\n');
        if (body is null) return;
        sb.Append('\n').Append(body);
        if (truncated)
        {
            sb.Append("\n\n[body truncated");
            if (fullBytes is { } bytes) sb.Append("; the whole body was ").Append(bytes).Append(" bytes");
            sb.Append(']');
        }
        sb.Append('\n');
    }
}
