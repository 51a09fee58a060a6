using System.Text;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>"How the suite adapted to this server", in report.html and summary.md: each adaptation (a fact taken from
/// RFC 7643 §8.7.1 because discovery was broken, a creation rule learned from a refusal, a configured template) with
/// the number of verdicts that rest on it. Each check's own adaptations are shown under its verdict as well.</summary>
public static class AdaptationSection
{
    public const string Heading = "How the suite adapted to this server";
    private const string Lead = "The server was not tested exactly as it describes itself: these verdicts rest on what the suite did instead.";

    /// <summary>Each distinct adaptation, with the checks that used it, most used first.</summary>
    public static IReadOnlyList<(string Adaptation, IReadOnlyList<string> Checks)> Of(ResultDocument document) =>
        document.Checks.SelectMany(c => c.Adaptations.Select(a => (Adaptation: a, c.Id)))
            .GroupBy(pair => pair.Adaptation, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(pair => pair.Id).Distinct().ToList()))
            .OrderByDescending(pair => pair.Item2.Count).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .ToList();

    public static void WriteMarkdown(StringBuilder md, ResultDocument document)
    {
        var adaptations = Of(document);
        if (adaptations.Count == 0)
            return;
        md.Append("### ").Append(Heading).Append("\n\n").Append(Lead).Append("\n\n");
        foreach (var (adaptation, checks) in adaptations)
            md.Append("- ").Append(MarkdownText.Inline(adaptation)).Append(" (").Append(checks.Count).Append(checks.Count == 1 ? " verdict)\n" : " verdicts)\n");
        md.Append('\n');
    }

    public static void WriteHtml(StringBuilder html, ResultDocument document)
    {
        var adaptations = Of(document);
        if (adaptations.Count == 0)
            return;
        html.Append("<section id=\"adaptations\">\n<h2>").Append(Heading).Append("</h2>\n<p>").Append(HtmlText.Encode(Lead)).Append("</p>\n<ul>\n");
        foreach (var (adaptation, checks) in adaptations)
            html.Append("<li>").Append(HtmlText.Encode(adaptation)).Append(" <span class=\"muted\">(").Append(checks.Count)
                .Append(checks.Count == 1 ? " verdict" : " verdicts").Append(")</span></li>\n");
        html.Append("</ul>\n</section>\n");
    }
}
