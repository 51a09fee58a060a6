using System.Text.RegularExpressions;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>Turns a requirement reference such as <c>RFC7644 §3.4.2.2</c> or
/// <c>draft-abbey-scim-agent-extension-00 §4</c> into the public URL of that section, for reports that link out
/// (Allure). The self-contained HTML report deliberately does not link out.</summary>
public static partial class ReferenceLinks
{
    [GeneratedRegex(@"^\s*RFC\s*(?<number>\d+)\s*(?:§\s*(?<section>[A-Za-z0-9.\-]+))?", RegexOptions.IgnoreCase)]
    private static partial Regex Rfc();

    [GeneratedRegex(@"^\s*(?<draft>draft-[a-z0-9\-]+?)\s*(?:§\s*(?<section>[A-Za-z0-9.\-]+))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Draft();

    /// <summary>The URL of the referenced section, or null when the reference is not in a form we recognise.</summary>
    public static string? UrlFor(string reference)
    {
        if (Rfc().Match(reference) is { Success: true } rfc)
            return $"https://www.rfc-editor.org/rfc/rfc{rfc.Groups["number"].Value}{Anchor(rfc.Groups["section"].Value)}";
        if (Draft().Match(reference) is { Success: true } draft)
            return $"https://datatracker.ietf.org/doc/html/{draft.Groups["draft"].Value.ToLowerInvariant()}"
                + Anchor(draft.Groups["section"].Value);
        return null;
    }

    // RFC HTML uses #section-3.4.2.2 for numbered sections and #appendix-A for appendices.
    private static string Anchor(string section) => section.Length == 0 ? ""
        : char.IsDigit(section[0]) ? $"#section-{section.TrimEnd('.')}"
        : $"#appendix-{section.TrimEnd('.')}";
}
