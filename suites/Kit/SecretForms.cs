using System.Net;
using System.Security;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scim.Conformance.Suites.Kit;

/// <summary>Every way a secret can be spelt in what a run writes or a server sends back: the raw value; JSON-escaped
/// (System.Text.Json's default encoder writes <c>+</c> as <c>\u002B</c>, the relaxed one does not, other writers
/// escape <c>/</c> as <c>\/</c>); HTML- and XML-encoded (<c>&amp;#x2B;</c>, <c>&amp;#43;</c>); URL-encoded; base64;
/// and these nested once, as our reports nest them (an HTML report shows a JSON body; a JSON result holds a URL).
/// Hexadecimal escapes come in both cases. Computed once, when the secret becomes known.</summary>
public static partial class SecretForms
{
    private static readonly JavaScriptEncoder RelaxedJson = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    // What a secret is spelt as inside some text.
    private static readonly Func<string, string>[] Inner =
    [
        s => s,
        s => Json(s, JavaScriptEncoder.Default),
        s => Json(s, RelaxedJson),
        s => Json(s, RelaxedJson).Replace("/", "\\/", StringComparison.Ordinal),
        s => Json(s, JavaScriptEncoder.Default).Replace("/", "\\/", StringComparison.Ordinal),
        Uri.EscapeDataString,
        s => WebUtility.UrlEncode(s),
        s => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)),
        s => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
    ];

    // How that text may be encoded again on its way into an output.
    private static readonly Func<string, string>[] Outer =
    [
        s => s,
        s => HtmlEncoder.Default.Encode(s),
        s => WebUtility.HtmlEncode(s),
        s => SecurityElement.Escape(s) ?? s,
        s => Json(s, JavaScriptEncoder.Default),
        s => Json(s, RelaxedJson),
        Uri.EscapeDataString,
    ];

    /// <summary>The distinct spellings of <paramref name="secret"/>, the raw value first.</summary>
    public static IReadOnlyList<string> Of(string secret)
    {
        var forms = new List<string> { secret };
        var seen = new HashSet<string>(StringComparer.Ordinal) { secret };
        foreach (var inner in Inner)
        {
            if (Spelt(inner, secret) is not { } spelt)
                continue;
            foreach (var outer in Outer)
            {
                if (Spelt(outer, spelt) is not { } encoded)
                    continue;
                foreach (var variant in (string[])[encoded, LowerHex(encoded), UpperHex(encoded), DecimalEntities(encoded)])
                {
                    if (seen.Add(variant))
                        forms.Add(variant);
                }
            }
        }
        return forms;
    }

    // The JSON encoders refuse a lone surrogate (a token a server issued may hold one): that spelling cannot occur.
    private static string? Spelt(Func<string, string> spelling, string text)
    {
        try
        {
            return spelling(text);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Json(string text, JavaScriptEncoder encoder) => JsonEncodedText.Encode(text, encoder).ToString();

    private static string LowerHex(string text) => HexEscape().Replace(text, m => m.Groups["lead"].Value + m.Groups["hex"].Value.ToLowerInvariant());

    private static string UpperHex(string text) => HexEscape().Replace(text, m => m.Groups["lead"].Value + m.Groups["hex"].Value.ToUpperInvariant());

    // &#x2B; and &#43; are the same character to every HTML and XML reader.
    private static string DecimalEntities(string text) =>
        HexEntity().Replace(text, m => "&#" + Convert.ToInt32(m.Groups["hex"].Value, 16).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";");

    [GeneratedRegex(@"(?<lead>%)(?<hex>[0-9A-Fa-f]{2})|(?<lead>\\u)(?<hex>[0-9A-Fa-f]{4})|(?<lead>&#[xX])(?<hex>[0-9A-Fa-f]{1,6})(?=;)")]
    private static partial Regex HexEscape();

    [GeneratedRegex(@"&#[xX](?<hex>[0-9A-Fa-f]{1,6});")]
    private static partial Regex HexEntity();
}
