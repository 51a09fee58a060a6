using System.Text;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>The "Where the specification is unclear" section of report.html and summary.md: the specification
/// defects the run ran into, each with the checks that touched it and their outcomes, so a vendor sees which
/// verdicts rest on a reading of an unclear text rather than on the text itself.</summary>
public static class SpecIssueSection
{
    public const string Heading = "Where the specification is unclear";

    public static void WriteHtml(StringBuilder html, ResultDocument document)
    {
        if (document.SpecIssues.Count == 0)
            return;
        var outcomes = document.Checks.ToDictionary(c => c.Id, c => c.Outcome);
        html.Append("<section id=\"spec-issues\">\n<h2>").Append(Heading).Append("</h2>\n")
            .Append("<p>These checks rest on passages that contradict themselves or leave something out. The suite reads them as ")
            .Append("described (under profile <code>").Append(HtmlText.Encode(document.Profile)).Append("</code>); a verdict here may ")
            .Append("say as much about the text as about the server.</p>\n<table class=\"spec-issues\">\n")
            .Append("<tr><th>Defect</th><th>What the text says, and the reading taken</th><th>Checks</th></tr>\n");
        foreach (var issue in document.SpecIssues)
        {
            html.Append("<tr id=\"").Append(HtmlText.Id("spec-issue-", issue.Id)).Append("\"><td><strong>")
                .Append(HtmlText.Encode(issue.Title)).Append("</strong><br><code>").Append(HtmlText.Encode(issue.Id))
                .Append("</code><br><span class=\"muted\">").Append(HtmlText.Encode(issue.Document)).Append("</span></td><td>")
                .Append(HtmlText.Encode(issue.Description)).Append("</td><td>");
            for (var i = 0; i < issue.Checks.Count; i++)
            {
                var id = issue.Checks[i];
                if (i > 0) html.Append("<br>");
                html.Append("<a href=\"").Append(HtmlText.Fragment("check-", id)).Append("\"><code>").Append(HtmlText.Encode(id)).Append("</code></a>");
                if (outcomes.TryGetValue(id, out var outcome))
                    html.Append(" (").Append(HtmlText.Encode(OutcomeText.Label(outcome))).Append(')');
            }
            html.Append("</td></tr>\n");
        }
        html.Append("</table>\n</section>\n");
    }

    public static void WriteMarkdown(StringBuilder md, ResultDocument document)
    {
        if (document.SpecIssues.Count == 0)
            return;
        var outcomes = document.Checks.ToDictionary(c => c.Id, c => c.Outcome);
        md.Append("<details><summary>").Append(Heading).Append(" (").Append(document.SpecIssues.Count).Append(")</summary>\n\n")
            .Append("| Defect | Document | Checks |\n|---|---|---|\n");
        foreach (var issue in document.SpecIssues)
        {
            var checks = issue.Checks.Select(id => MarkdownText.Code(id, inTable: true)
                + (outcomes.TryGetValue(id, out var outcome) ? $" ({OutcomeText.Label(outcome)})" : ""));
            md.Append("| **").Append(MarkdownText.Cell(issue.Title)).Append("** ").Append(MarkdownText.Code(issue.Id, inTable: true))
                .Append("<br>").Append(MarkdownText.Cell(issue.Description)).Append(" | ").Append(MarkdownText.Cell(issue.Document))
                .Append(" | ").Append(string.Join("<br>", checks)).Append(" |\n");
        }
        md.Append("\n</details>\n\n");
    }
}
