using System.Text;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>The checks that ran once per resource type, shown by type: a requirement × resource type matrix for
/// report.html, and each type's line under a verdict (report.html and summary.md), so a reader sees that a rule
/// held on Users but not on Agents without opening the evidence.</summary>
public static class ResourceTypeMatrix
{
    /// <summary>The resource types named by any per-type result, in the order they first appear.</summary>
    public static IReadOnlyList<string> Columns(IEnumerable<CheckResult> checks) =>
        [.. checks.SelectMany(c => c.ResourceTypes).Select(r => r.ResourceType).Distinct(StringComparer.Ordinal)];

    public static void WriteHtml(StringBuilder html, IReadOnlyList<CheckResult> checks)
    {
        var rows = checks.Where(c => c.ResourceTypes.Count > 0).ToList();
        if (rows.Count == 0)
            return;
        var columns = Columns(rows);
        html.Append("<section id=\"resource-types\">\n<h2>Requirements by resource type</h2>\n")
            .Append("<p>These checks ran once for every resource type the server advertises that has what the requirement is about. ")
            .Append("A check's outcome is the worst of its types'; a dash means the type was not advertised when the check ran.</p>\n")
            .Append("<table class=\"resource-types\">\n<tr><th>Check</th><th>Level</th>");
        foreach (var column in columns)
            html.Append("<th>").Append(HtmlText.Encode(column)).Append("</th>");
        html.Append("</tr>\n");
        foreach (var check in rows)
        {
            html.Append("<tr data-check=\"").Append(HtmlText.Encode(check.Id)).Append("\"><td><a href=\"")
                .Append(HtmlText.Fragment("check-", check.Id)).Append("\"><code>").Append(HtmlText.Encode(check.Id)).Append("</code></a></td><td>")
                .Append(check.Level.Keyword()).Append("</td>");
            foreach (var column in columns)
            {
                var cell = check.ResourceTypes.FirstOrDefault(r => r.ResourceType == column);
                if (cell is null)
                {
                    html.Append("<td class=\"muted\">—</td>");
                    continue;
                }
                html.Append("<td data-resource-type=\"").Append(HtmlText.Encode(column)).Append("\" data-outcome=\"").Append(cell.Outcome).Append('"');
                if (cell.Reason is { } reason)
                    html.Append(" title=\"").Append(HtmlText.Encode(reason)).Append('"');
                html.Append('>').Append(Badge(cell.Outcome)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</table>\n</section>\n");
    }

    /// <summary>One line per resource type under a check's verdict in report.html.</summary>
    public static void WriteCheckLines(StringBuilder html, CheckResult check)
    {
        if (check.ResourceTypes.Count == 0)
            return;
        html.Append("<h4>By resource type</h4>\n<table class=\"check-resource-types\">\n<tr><th>Resource type</th><th>Outcome</th><th>Why</th><th>Expected</th><th>Actual</th></tr>\n");
        foreach (var r in check.ResourceTypes)
        {
            html.Append("<tr data-resource-type=\"").Append(HtmlText.Encode(r.ResourceType)).Append("\" data-outcome=\"").Append(r.Outcome).Append("\"><td>")
                .Append(HtmlText.Encode(r.ResourceType)).Append("</td><td>").Append(Badge(r.Outcome)).Append("</td><td>")
                .Append(HtmlText.Encode(r.Reason ?? "")).Append("</td><td>").Append(HtmlText.Encode(r.Expected ?? "")).Append("</td><td>")
                .Append(HtmlText.Encode(r.Actual ?? "")).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    /// <summary>"User: Pass; Agent: Fail (no Location header)": the types' outcomes in one line, for summary.md.</summary>
    public static string Line(CheckResult check, int reasonLength) =>
        string.Join("; ", check.ResourceTypes.Select(r =>
            $"{r.ResourceType}: {OutcomeText.Label(r.Outcome)}"
            + (r.Outcome is Outcome.Fail or Outcome.Warn or Outcome.Info or Outcome.Error && r.Reason is { } reason ? $" ({ReportText.Truncate(reason, reasonLength)})" : "")));

    private static string Badge(Outcome outcome) =>
        $"<span class=\"badge o-{OutcomeText.Token(outcome)}\">{HtmlText.Encode(OutcomeText.Label(outcome))}</span>";
}
