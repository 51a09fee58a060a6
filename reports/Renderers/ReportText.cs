using System.Globalization;
using System.Text;
using System.Xml;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>Plain-text formatting shared by the renderers: safe characters, times, durations, URLs and the
/// Expected-versus-Actual block. Text here comes partly from the server under test, so nothing assumes it is
/// well-formed.</summary>
public static class ReportText
{
    /// <summary>UTF-8 without a byte-order mark: some CI parsers choke on a BOM before <c>&lt;?xml</c>.</summary>
    public static UTF8Encoding Utf8 { get; } = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Removes characters that XML 1.0 forbids (control characters other than tab, CR and LF, lone
    /// surrogates, U+FFFE/U+FFFF). A hostile server can put them in any body or header; left in, they make a
    /// JUnit file unparseable for the CI. HTML uses the same rule: browsers treat them as parse errors.</summary>
    public static string XmlSafe(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var i = 0;
        while (i < text.Length && XmlCharLength(text, i) > 0) i += XmlCharLength(text, i);
        if (i == text.Length) return text;   // the common case: nothing to drop, no copy

        var sb = new StringBuilder(text.Length).Append(text, 0, i);
        while (i < text.Length)
        {
            var length = XmlCharLength(text, i);
            if (length > 0) sb.Append(text, i, length);
            i += Math.Max(length, 1);
        }
        return sb.ToString();
    }

    // 1 for an allowed character, 2 for a valid surrogate pair, 0 for a character XML 1.0 forbids.
    private static int XmlCharLength(string text, int i) =>
        XmlConvert.IsXmlChar(text[i]) ? 1
        : i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]) ? 2
        : 0;

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="max"/> characters, marking the cut.</summary>
    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, Math.Max(0, max - 1)), "…");

    /// <summary>A time as a reader expects it, always in UTC so that reports from different machines agree.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A duration in the unit that reads best: <c>850 ms</c>, <c>12.3 s</c>, <c>4 min 05 s</c>.</summary>
    public static string Duration(double milliseconds)
    {
        if (milliseconds < 1000)
            return milliseconds.ToString("0.#", CultureInfo.InvariantCulture) + " ms";
        if (milliseconds < 60_000)
            return (milliseconds / 1000).ToString("0.0#", CultureInfo.InvariantCulture) + " s";
        var span = TimeSpan.FromMilliseconds(milliseconds);
        return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds:00} s");
    }

    public static string Duration(DateTimeOffset start, DateTimeOffset end) => Duration((end - start).TotalMilliseconds);

    /// <summary>Seconds with millisecond precision in invariant culture, as JUnit's <c>time</c> attributes want.</summary>
    public static string Seconds(double milliseconds) =>
        (milliseconds / 1000).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>The base URL as reports show it: any <c>user:password@</c> part is removed, so that a credential
    /// pasted into a URL by mistake never reaches a report.</summary>
    public static string DisplayUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0) return url;
        return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString();
    }

    /// <summary>"Expected: …" and "Actual: …" lines, each only when the check recorded it; null when neither.</summary>
    public static string? ExpectedActual(CheckResult check) => (check.Expected, check.Actual) switch
    {
        (null, null) => null,
        (var expected, null) => $"Expected: {expected}",
        (null, var actual) => $"Actual: {actual}",
        var (expected, actual) => $"Expected: {expected}\nActual: {actual}",
    };

    /// <summary>The check's display name in CI formats that have a single name field: <c>id — title</c>.</summary>
    public static string CheckName(CheckResult check) => $"{check.Id} — {check.Title}";

    /// <summary>A requirement as one line: ID, where it is written, the level its text states and how, and why it is
    /// graded lower when it is (<c>RFC7643-4.2-DISPLAYNAME (RFC7643 §4.2, MUST, contradictory → graded MAY: …)</c>).</summary>
    public static string Requirement(RequirementReference r)
    {
        var level = r.Wording == "keyword" ? r.Level.Keyword() : $"{r.Level.Keyword()}, {r.Wording}";
        var graded = r.GradedLevel != r.Level || r.Grading is not null ? $" → graded {r.GradedLevel.Keyword()}" : "";
        return $"{r.Id} ({r.Document} §{r.Section}, {level}{graded}){(r.Grading is { } why ? $": {why}" : "")}";
    }
}
