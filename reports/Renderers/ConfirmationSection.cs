using System.Text;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>The confirmation pass in words, for the console, report.html and summary.md: whether violations were re-run
/// alone, and the section "Unstable under concurrent requests" listing the checks the server answered differently
/// under load than alone — its own finding, kept apart from the features those checks happened to exercise.</summary>
public static class ConfirmationSection
{
    public const string Heading = "Unstable under concurrent requests";

    /// <summary>Rows of the summary.md table at most, so the comment stays under GitHub's limit (report.html lists all).</summary>
    public const int MaxMarkdownRows = 40;

    public static string Lead(int concurrency) =>
        $"the server gave different answers to the same check under {concurrency} concurrent requests";

    /// <summary>One line on the pass as a whole.</summary>
    public static string Line(ConfirmationSummary? summary) => summary switch
    {
        null => "confirmation: not recorded",
        { Ran: false } => $"confirmation: not run, {summary.SkippedBecause}",
        _ => $"confirmation: {summary.Rerun} check(s) re-run alone, {summary.Confirmed} verdict(s) confirmed, "
            + $"{summary.Unstable.Count} unstable under {summary.Concurrency} concurrent requests"
            + (summary.Note is { } note ? $"; {note}" : ""),
    };

    /// <summary>What the pass found for one check, in a sentence.</summary>
    public static string Describe(Confirmation confirmation) => confirmation switch
    {
        { Confirmed: true } => $"confirmed: run again alone, it gave the same outcome ({confirmation.AloneOutcome})",
        { ConcurrentOutcome: { } concurrent } when confirmation.Note is { } note =>
            $"{OutcomeText.Label(concurrent)} under {confirmation.Concurrency} concurrent checks ({confirmation.ConcurrentReason}); {note}",
        { ConcurrentOutcome: { } concurrent } =>
            $"unstable under concurrency: {OutcomeText.Label(concurrent)} while {confirmation.Concurrency} checks ran at once, "
            + $"{OutcomeText.Label(confirmation.AloneOutcome ?? concurrent)} alone; the verdict is the alone run's, the concurrent one is kept as evidence",
        _ => confirmation.Note ?? "not confirmed",
    };

    public static void WriteHtml(StringBuilder html, ResultDocument document)
    {
        if (document.Confirmation is not { } summary)
            return;
        html.Append("<section id=\"confirmation\">\n");
        if (summary.Unstable.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(HtmlText.Encode(Capitalised(Line(summary)))).Append(".</p>\n</section>\n");
            return;
        }
        html.Append("<h2>").Append(Heading).Append("</h2>\n<p>").Append(HtmlText.Encode(Capitalised(Lead(summary.Concurrency))))
            .Append(". Each check below reported a violation (or a server error) while other checks ran beside it, and another verdict ")
            .Append("when run again alone; its verdict is the alone run's, and both runs are its evidence. This is a finding of its own: ")
            .Append("the server breaks under concurrent requests, whatever feature the check exercised.</p>\n")
            .Append("<table class=\"unstable\">\n<tr><th>Check</th><th>Under concurrency</th><th>Alone</th><th>What the concurrent run saw</th></tr>\n");
        foreach (var unstable in summary.Unstable)
        {
            html.Append("<tr><td><a href=\"").Append(HtmlText.Fragment("check-", unstable.Id)).Append("\"><code>")
                .Append(HtmlText.Encode(unstable.Id)).Append("</code></a></td><td>").Append(HtmlText.Encode(OutcomeText.Label(unstable.ConcurrentOutcome)))
                .Append("</td><td>").Append(HtmlText.Encode(OutcomeText.Label(unstable.AloneOutcome))).Append("</td><td>")
                .Append(HtmlText.Encode(unstable.ConcurrentReason ?? "")).Append("</td></tr>\n");
        }
        html.Append("</table>\n<p class=\"muted\">").Append(HtmlText.Encode(Capitalised(Line(summary)))).Append(".</p>\n</section>\n");
    }

    public static void WriteMarkdown(StringBuilder md, ResultDocument document, int maxReasonLength)
    {
        if (document.Confirmation is not { } summary)
            return;
        if (summary.Unstable.Count == 0)
        {
            md.Append('_').Append(MarkdownText.Inline(Capitalised(Line(summary)))).Append("._\n\n");
            return;
        }
        md.Append("### ").Append(Heading).Append("\n\n").Append(MarkdownText.Inline(Capitalised(Lead(summary.Concurrency))))
            .Append(": each check below reported a violation or a server error beside other checks and another verdict alone, ")
            .Append("which is the one reported; both runs are in report.html.\n\n")
            .Append("| Check | Under concurrency | Alone | What the concurrent run saw |\n|---|---|---|---|\n");
        foreach (var unstable in summary.Unstable.Take(MaxMarkdownRows))
        {
            var reason = unstable.ConcurrentReason ?? "";
            if (reason.Length > maxReasonLength)
                reason = reason[..maxReasonLength] + "…";
            md.Append("| ").Append(MarkdownText.Code(unstable.Id, inTable: true)).Append(" | ").Append(OutcomeText.Label(unstable.ConcurrentOutcome))
                .Append(" | ").Append(OutcomeText.Label(unstable.AloneOutcome)).Append(" | ").Append(MarkdownText.Cell(reason)).Append(" |\n");
        }
        if (summary.Unstable.Count > MaxMarkdownRows)
            md.Append("| … | | | and ").Append(summary.Unstable.Count - MaxMarkdownRows).Append(" more in report.html |\n");
        md.Append('\n').Append('_').Append(MarkdownText.Inline(Capitalised(Line(summary)))).Append("._\n\n");
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
