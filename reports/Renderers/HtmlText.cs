using System.Text;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>HTML encoding for text that may come from a hostile server. Everything that goes into report.html
/// passes here, in element content and in attribute values alike.</summary>
public static class HtmlText
{
    /// <summary>Encodes <c>&amp; &lt; &gt; " '</c> and drops characters an HTML parser would reject
    /// (<see cref="ReportText.XmlSafe"/>). Safe in text and in quoted attribute values.</summary>
    public static string Encode(string? text)
    {
        var safe = ReportText.XmlSafe(text);
        if (safe.AsSpan().IndexOfAny("&<>\"'") < 0) return safe;
        var sb = new StringBuilder(safe.Length + safe.Length / 8);
        foreach (var c in safe)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>An element id from free text: whitespace becomes '-', the rest is kept (HTML5 allows it) and
    /// encoded. The same id is reached with <see cref="Fragment"/>.</summary>
    public static string Id(string prefix, string text) =>
        Encode(prefix + string.Join('-', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>An in-page link target (<c>#…</c>) for an id made by <see cref="Id"/>; never leaves the page.</summary>
    public static string Fragment(string prefix, string text) =>
        "#" + Encode(Uri.EscapeDataString(prefix + string.Join('-', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
}
