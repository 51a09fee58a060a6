using System.Text;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>The buyer's view as a section of report.html: one row per question, the answer as a coloured badge, why in
/// one sentence, and links to the checks (and their evidence) further down the page.</summary>
public static class BuyersViewHtml
{
    public const string SectionId = "buyers-view";

    public static void Write(StringBuilder html, ResultDocument document)
    {
        var known = document.Checks.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        html.Append("<section id=\"").Append(SectionId).Append("\">\n<h2>For buyers: the questions procurement asks</h2>\n")
            .Append("<p>Each answer comes from the checks listed beside it. <em>Untested</em> means this run could not tell ")
            .Append("(the check was not run, does not apply, or needs configuration, such as a credential probe).</p>\n")
            .Append("<table class=\"buyers\">\n<tr><th>Question</th><th>Answer</th><th>Why</th><th>Proven by</th></tr>\n");
        foreach (var verdict in BuyersView.Answer(document))
        {
            html.Append("<tr data-question=\"").Append(HtmlText.Encode(verdict.Question.Id)).Append("\" data-answer=\"")
                .Append(BuyersView.Label(verdict.Answer).ToLowerInvariant()).Append("\"><td>")
                .Append(HtmlText.Encode(verdict.Question.Question)).Append("</td><td><span class=\"badge ")
                .Append(verdict.Answer switch { BuyerAnswer.Yes => "o-pass", BuyerAnswer.No => "o-fail", _ => "o-skipped" }).Append("\">")
                .Append(BuyersView.Label(verdict.Answer)).Append("</span></td><td>")
                .Append(HtmlText.Encode(verdict.Why)).Append("</td><td>");
            var ids = verdict.Question.Proof.Concat(verdict.Question.Support).Where(known.Contains).ToList();
            for (var i = 0; i < ids.Count; i++)
            {
                if (i > 0) html.Append("<br>");
                html.Append("<a href=\"").Append(HtmlText.Fragment("check-", ids[i])).Append("\"><code>")
                    .Append(HtmlText.Encode(ids[i])).Append("</code></a>");
            }
            html.Append("</td></tr>\n");
        }
        html.Append("</table>\n</section>\n");
    }
}
