using System.Text.RegularExpressions;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Suites.Kit;

/// <summary>
/// A violation raised after the server answered one of the check's own requests with a server error (5xx) is, first
/// of all, about that error: the answer says nothing on the requirement the check exercises (a filter, a PATCH
/// operator), so the verdict must not read as if those semantics were wrong. The outcome stays as graded — a server
/// that errors does not do what is required — but the words name the error, the request and the body it came with.
/// 501 is left out: RFC 7644 §3.12 gives it as the answer for an operation the server does not support, a refusal
/// rather than a failure.
/// </summary>
public static partial class ServerErrorVerdicts
{
    private const int ExcerptLength = 240;

    /// <summary>The tag of a check whose requirement is about server errors themselves (a client mistake must not earn a
    /// 5xx, a burst of valid requests must not): its verdict on a 5xx is the finding and keeps its own words.</summary>
    public const string JudgedByTheCheckTag = "server-errors";

    public static bool IsServerError(int? status) => status is >= 500 and <= 599 and not 501;

    /// <summary>The check's exchanges that were answered with a server error, in order.</summary>
    public static IReadOnlyList<Exchange> ServerErrorsIn(IEnumerable<Exchange> exchanges) =>
        [.. exchanges.Where(exchange => IsServerError(exchange.Status))];

    /// <summary>The violation reworded to lead with the server error, when <paramref name="exchanges"/> (the check's
    /// own, cleanup excluded) hold one and the check does not judge server errors itself; unchanged otherwise.</summary>
    public static (string Reason, string Expected, string Actual) Reword(
        CheckDescriptor check, IReadOnlyList<Exchange> exchanges, string reason, string expected, string actual)
    {
        var errors = ServerErrorsIn(exchanges);
        if (errors.Count == 0 || check.Tags.Contains(JudgedByTheCheckTag))
            return (reason, expected, actual);
        var first = errors[0];
        var answer = Describe(first);
        var how = errors.Count == 1 ? $"to {RequestOf(first)}" : $"to {errors.Count} of the check's requests, first to {RequestOf(first)}";
        return (
            $"the server answered {StatusText(first.Status!.Value)} {how}: {Excerpt(first.ResponseBody)}. That is a server error, not an answer " +
            $"on the requirement: where the request was valid, the requirement could not be judged because of it (the check then reported: {reason})",
            $"{expected} (from answers that are not server errors)",
            $"{answer}; then: {actual}");
    }

    /// <summary>"HTTP 500 to PATCH /Users/1: {body}" for one exchange.</summary>
    public static string Describe(Exchange exchange) =>
        $"HTTP {exchange.Status} to {RequestOf(exchange)}: {Excerpt(exchange.ResponseBody)}";

    public static string RequestOf(Exchange exchange) =>
        $"{exchange.Method} {(Uri.TryCreate(exchange.Url, UriKind.Absolute, out var url) ? url.PathAndQuery : exchange.Url)}";

    public static string StatusText(int status) => status switch
    {
        500 => "500 Internal Server Error",
        502 => "502 Bad Gateway",
        503 => "503 Service Unavailable",
        504 => "504 Gateway Timeout",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The start of a body on one line, so a reason stays readable; the whole body is in the exchange.</summary>
    public static string Excerpt(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return "(empty body)";
        var line = Whitespace().Replace(body.Trim(), " ");
        return line.Length <= ExcerptLength ? line : line[..ExcerptLength] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
