using System.Text;
using Scim.Conformance.Reports.Model;

namespace Scim.Conformance.Reports.Renderers;

/// <summary><c>summary.md</c>, sized for a pull-request comment: the verdict in one line, counts, the checks that
/// need attention, and what changed against the baseline. Long parts fold into <c>&lt;details&gt;</c>, and the
/// whole stays under GitHub's comment limit by capping rows (the full story is in report.html).</summary>
public sealed class MarkdownSummaryRenderer : IReportRenderer
{
    /// <summary>Rows of the attention table shown before the rest folds into a &lt;details&gt; block.</summary>
    public const int VisibleRows = 10;
    /// <summary>Rows listed at most; GitHub rejects comments over 65,536 characters.</summary>
    public const int MaxRows = 150;
    /// <summary>Checks listed at most per baseline category.</summary>
    public const int MaxBaselineIds = 100;
    private const int MaxReasonLength = 240;

    public string Name => "summary.md";

    public void Write(ResultDocument document, string outputDirectory) =>
        File.WriteAllText(Path.Combine(outputDirectory, Name), Render(document), ReportText.Utf8);

    public static string Render(ResultDocument document)
    {
        var md = new StringBuilder();
        WriteVerdict(md, document);
        AdaptationSection.WriteMarkdown(md, document);
        SafetySection.WriteMarkdown(md, document);
        BuyersViewMarkdown.Write(md, document);
        WriteOutcomeTable(md, document.Summary);
        WriteAreaTable(md, document.Summary);
        WriteAttention(md, document.Checks);
        if (document.Baseline is { } baseline) WriteBaseline(md, baseline);
        SpecIssueSection.WriteMarkdown(md, document);
        ConfirmationSection.WriteMarkdown(md, document, MaxReasonLength);
        md.Append("_Full details, with every HTTP exchange: `report.html`. Machine-readable: `result.json`._\n");
        return md.ToString();
    }

    private static void WriteVerdict(StringBuilder md, ResultDocument document)
    {
        var verdict = RunVerdict.Of(document.Summary);
        var icon = verdict.Result switch
        {
            RunVerdict.Kind.Conforms => "✅",
            RunVerdict.Kind.ConformsWithWarnings => "⚠️",
            RunVerdict.Kind.DoesNotConform => "❌",
            _ => "❔",
        };
        md.Append("## ").Append(icon).Append(" SCIM conformance: ").Append(MarkdownText.Inline(verdict.Headline)).Append("\n\n");
        if (document.Target.TlsUnverified)
            md.Append("> [!WARNING]\n> ").Append(MarkdownText.Inline(TlsVerificationModes.DisabledWarning)).Append("\n\n");
        md.Append("**Target** ").Append(MarkdownText.Inline(document.Target.Name))
            .Append(" (").Append(MarkdownText.Code(ReportText.DisplayUrl(document.Target.BaseUrl))).Append(')')
            .Append(" · **Profile** ").Append(MarkdownText.Inline(document.Profile))
            .Append(" · **Run** ").Append(ReportText.Timestamp(document.StartedAt))
            .Append(", ").Append(ReportText.Duration(document.StartedAt, document.FinishedAt))
            .Append(" · ").Append(MarkdownText.Inline($"{document.Tool.Name} {document.Tool.Version}"))
            .Append("\n\n");
    }

    private static void WriteOutcomeTable(StringBuilder md, Summary summary)
    {
        md.Append("| Outcome | Checks | Meaning |\n|---|---:|---|\n");
        foreach (var outcome in OutcomeText.All)
            md.Append("| ").Append(OutcomeText.Label(outcome)).Append(" | ").Append(summary.Count(outcome))
                .Append(" | ").Append(MarkdownText.Cell(OutcomeText.Meaning(outcome))).Append(" |\n");
        md.Append("| **Total** | **").Append(summary.Total).Append("** | |\n\n");
    }

    private static void WriteAreaTable(StringBuilder md, Summary summary)
    {
        md.Append("<details><summary>Counts by area (").Append(summary.ByArea.Count).Append(")</summary>\n\n");
        md.Append("| Area | ").AppendJoin(" | ", OutcomeText.All.Select(OutcomeText.Label)).Append(" | Total |\n");
        md.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", OutcomeText.All.Count + 1))).Append('\n');
        foreach (var (area, counts) in summary.ByArea)
        {
            md.Append("| ").Append(MarkdownText.Cell(area)).Append(" | ")
                .AppendJoin(" | ", OutcomeText.All.Select(o => counts.TryGetValue(o, out var n) ? n : 0))
                .Append(" | ").Append(counts.Values.Sum()).Append(" |\n");
        }
        md.Append("\n</details>\n\n");
    }

    private static void WriteAttention(StringBuilder md, IReadOnlyList<CheckResult> checks)
    {
        var attention = OutcomeText.WorstFirst(checks.Where(c => OutcomeText.NeedAttention.Contains(c.Outcome))).ToList();
        md.Append("### Checks that need attention (").Append(attention.Count).Append(")\n\n");
        if (attention.Count == 0)
        {
            md.Append("None: no failure, error or warning.\n\n");
            return;
        }

        WriteAttentionTable(md, attention.Take(VisibleRows));
        var folded = attention.Skip(VisibleRows).Take(MaxRows - VisibleRows).ToList();
        if (folded.Count > 0)
        {
            md.Append("<details><summary>").Append(folded.Count).Append(" more</summary>\n\n");
            WriteAttentionTable(md, folded);
            md.Append("</details>\n\n");
        }
        if (attention.Count > MaxRows)
            md.Append("… and ").Append(attention.Count - MaxRows).Append(" more not listed here; see `report.html`.\n\n");
    }

    private static void WriteAttentionTable(StringBuilder md, IEnumerable<CheckResult> rows)
    {
        md.Append("| Outcome | Check | Level | Reason | References |\n|---|---|---|---|---|\n");
        foreach (var c in rows)
        {
            md.Append("| ").Append(OutcomeText.Label(c.Outcome))
                .Append(" | ").Append(MarkdownText.Code(c.Id, inTable: true)).Append("<br>").Append(MarkdownText.Cell(c.Title))
                .Append(" | ").Append(c.Level.Keyword())
                .Append(" | ").Append(MarkdownText.Cell(ReportText.Truncate(c.Reason ?? "", MaxReasonLength)))
                .Append(c.ResourceTypes.Count == 0 ? "" : "<br>By resource type: " + MarkdownText.Cell(ResourceTypeMatrix.Line(c, MaxReasonLength / 2)))
                .Append(c.Adaptations.Count > 0 ? "<br>_Adapted:_ " + MarkdownText.Cell(ReportText.Truncate(string.Join("; ", c.Adaptations), MaxReasonLength)) : "")
                .Append(" | ").AppendJoin(", ", c.References.Select(r => MarkdownText.Code(r, inTable: true)))
                .Append(" |\n");
        }
        md.Append('\n');
    }

    private static void WriteBaseline(StringBuilder md, BaselineSummary baseline)
    {
        md.Append("### Against the baseline ").Append(MarkdownText.Code(baseline.File)).Append("\n\n");
        if (baseline.NewFailures.Count + baseline.NowPassing.Count + baseline.Changed.Count + baseline.UnknownChecks.Count == 0)
        {
            md.Append("No difference: every outcome is the one the baseline expects.\n\n");
            return;
        }
        var first = true;
        foreach (var (label, ids) in BaselineText.Categories(baseline))
        {
            WriteIdList(md, label, ids, open: first);   // regressions, listed first, stay unfolded
            first = false;
        }
    }

    private static void WriteIdList(StringBuilder md, string title, IReadOnlyList<string> ids, bool open)
    {
        if (ids.Count == 0) return;
        md.Append(open ? "<details open>" : "<details>").Append("<summary>").Append(title).Append(": ")
            .Append(ids.Count).Append("</summary>\n\n");
        foreach (var id in ids.Take(MaxBaselineIds)) md.Append("- ").Append(MarkdownText.Code(id)).Append('\n');
        if (ids.Count > MaxBaselineIds) md.Append("- … and ").Append(ids.Count - MaxBaselineIds).Append(" more\n");
        md.Append("\n</details>\n\n");
    }
}
