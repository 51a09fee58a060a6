using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Scim.Conformance.Tests.Security;

/// <summary>
/// Finds a secret in text in any form an output could carry it: raw, JSON-escaped (<c>\u002B</c>, <c>\/</c>),
/// URL-encoded (<c>%2B</c>, <c>%2F</c>, <c>%3D</c>), HTML-encoded (<c>&amp;#x2B;</c>, <c>&amp;#43;</c>), or base64 (alone, as a
/// bearer header, as Basic credentials). Either half of the secret counts as well: a body cut before it was masked
/// leaks the half before the cut.
/// </summary>
public static partial class SecretForms
{
    /// <summary>The first form of <paramref name="secret"/> found in <paramref name="text"/>, or null.</summary>
    public static string? FindIn(string text, string secret)
    {
        foreach (var encoded in Base64Forms(secret))
        {
            if (text.Contains(encoded, StringComparison.Ordinal))
                return "base64";
        }
        var decoded = Decoded(text);
        if (decoded.Contains(secret, StringComparison.Ordinal))
            return "whole";
        var half = secret.Length / 2;
        if (decoded.Contains(secret[..half], StringComparison.Ordinal))
            return "first half";
        if (decoded.Contains(secret[half..], StringComparison.Ordinal))
            return "second half";
        return null;
    }

    /// <summary>The text with every escape the outputs use undone, applied repeatedly (an HTML page may hold
    /// HTML-encoded JSON that holds a \u002B).</summary>
    public static string Decoded(string text)
    {
        for (var round = 0; round < 3; round++)
        {
            var before = text;
            text = JsonEscape().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
            text = text.Replace("\\/", "/", StringComparison.Ordinal);
            text = PercentEscape().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
            text = WebUtility.HtmlDecode(text);
            if (text == before)
                break;
        }
        return text;
    }

    private static IEnumerable<string> Base64Forms(string secret) =>
        // Only the whole three-byte groups: how the last one or two bytes encode depends on what follows them.
        new[] { secret, "Bearer " + secret, ":" + secret }.Select(s => Encoding.UTF8.GetBytes(s))
            .Select(bytes => Convert.ToBase64String(bytes, 0, bytes.Length / 3 * 3));

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})")]
    private static partial Regex JsonEscape();

    [GeneratedRegex("%([0-7][0-9A-Fa-f])")]
    private static partial Regex PercentEscape();
}
