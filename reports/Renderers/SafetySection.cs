using System.Text;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>"What the run refused to do to stay safe", in report.html and summary.md: each safety finding (a request
/// the server's answers would have sent outside the base URL or to data the run does not own, a create answered with
/// someone else's resource, an id that names no resource), and what of the run was left on the target.</summary>
public static class SafetySection
{
    public const string Heading = "What the run refused to do to stay safe";
    private const string Lead = "The server's answers would have led the run to touch data it did not create or to send requests outside the base URL. None of these requests was sent.";
    private const string LeftoversHeading = "Left on the target";
    /// <summary>More than this many findings of one kind are summarised: a hostile server can produce thousands.</summary>
    private const int ShownPerKind = 20;

    private static IEnumerable<(string Kind, IReadOnlyList<SafetyFinding> Findings)> ByKind(ResultDocument document) =>
        document.SafetyFindings.GroupBy(f => f.Kind, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<SafetyFinding>)g.ToList()));

    private static string Line(SafetyFinding finding) => finding.Check is null ? finding.Detail : $"{finding.Detail} (in {finding.Check})";

    public static void WriteMarkdown(StringBuilder md, ResultDocument document)
    {
        if (document.SafetyFindings.Count > 0)
        {
            md.Append("### ").Append(Heading).Append("\n\n").Append(Lead).Append("\n\n");
            foreach (var (kind, findings) in ByKind(document))
            {
                md.Append("- **").Append(kind).Append("** (").Append(findings.Count).Append(")\n");
                foreach (var finding in findings.Take(ShownPerKind))
                    md.Append("  - ").Append(MarkdownText.Inline(Line(finding))).Append('\n');
                if (findings.Count > ShownPerKind)
                    md.Append("  - … and ").Append(findings.Count - ShownPerKind).Append(" more (result.json lists them all)\n");
            }
            md.Append('\n');
        }
        if (document.Leftovers.Count > 0)
        {
            md.Append("### ").Append(LeftoversHeading).Append("\n\n");
            foreach (var leftover in document.Leftovers)
                md.Append("- ").Append(MarkdownText.Inline(leftover)).Append('\n');
            md.Append('\n');
        }
    }

    public static void WriteHtml(StringBuilder html, ResultDocument document)
    {
        if (document.SafetyFindings.Count > 0)
        {
            html.Append("<section id=\"safety\">\n<h2>").Append(Heading).Append("</h2>\n<p>").Append(HtmlText.Encode(Lead)).Append("</p>\n<ul>\n");
            foreach (var (kind, findings) in ByKind(document))
            {
                html.Append("<li><strong>").Append(HtmlText.Encode(kind)).Append("</strong> (").Append(findings.Count).Append(")\n<ul>\n");
                foreach (var finding in findings.Take(ShownPerKind))
                    html.Append("<li>").Append(HtmlText.Encode(Line(finding))).Append("</li>\n");
                if (findings.Count > ShownPerKind)
                    html.Append("<li class=\"muted\">… and ").Append(findings.Count - ShownPerKind).Append(" more (result.json lists them all)</li>\n");
                html.Append("</ul></li>\n");
            }
            html.Append("</ul>\n</section>\n");
        }
        if (document.Leftovers.Count > 0)
        {
            html.Append("<section id=\"leftovers\">\n<h2>").Append(LeftoversHeading).Append("</h2>\n<ul>\n");
            foreach (var leftover in document.Leftovers)
                html.Append("<li>").Append(HtmlText.Encode(leftover)).Append("</li>\n");
            html.Append("</ul>\n</section>\n");
        }
    }
}
