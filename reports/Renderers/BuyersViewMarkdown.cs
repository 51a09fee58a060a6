using System.Text;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary>The buyer's view as a table of summary.md; the check IDs name the checks detailed in report.html.</summary>
public static class BuyersViewMarkdown
{
    public static void Write(StringBuilder md, ResultDocument document)
    {
        var known = document.Checks.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        md.Append("### For buyers\n\n| Question | Answer | Why | Proven by |\n|---|---|---|---|\n");
        foreach (var verdict in BuyersView.Answer(document))
        {
            var icon = verdict.Answer switch { BuyerAnswer.Yes => "✅", BuyerAnswer.No => "❌", _ => "❔" };
            var ids = verdict.Question.Proof.Concat(verdict.Question.Support).Where(known.Contains).Select(id => MarkdownText.Code(id, inTable: true));
            md.Append("| ").Append(MarkdownText.Cell(verdict.Question.Question))
                .Append(" | ").Append(icon).Append(' ').Append(BuyersView.Label(verdict.Answer))
                .Append(" | ").Append(MarkdownText.Cell(ReportText.Truncate(verdict.Why, 200)))
                .Append(" | ").AppendJoin(" ", ids).Append(" |\n");
        }
        md.Append('\n');
    }
}
