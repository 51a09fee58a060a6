using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Scim.Conformance.Suites.Kit;
using Xunit;

namespace Scim.Conformance.Tests.Reports;

/// <summary>The specification defects a run ran into travel in result.json and are shown by report.html and
/// summary.md, each with the checks that touched it and their outcomes.</summary>
public sealed class SpecIssueSectionTests
{
    private static readonly SpecIssue Issue = new("abbey-00.read-only-vs-prose", "draft-abbey-scim-agent-extension-00",
        "subject, owners, protocols and parent: readOnly in the JSON, client-set in the prose",
        "The schema JSON says readOnly <while> the prose has clients set them.", ["discovery.spc.schema-urn"]);

    private static ResultDocument WithIssue() => SampleResults.EveryOutcome() with { SpecIssues = [Issue] };

    [Fact]
    public void The_html_report_lists_each_defect_with_its_checks_and_their_outcomes()
    {
        var html = HtmlReportRenderer.Render(WithIssue());

        Assert.Contains("<section id=\"spec-issues\">", html);
        Assert.Contains(SpecIssueSection.Heading, html);
        Assert.Contains("abbey-00.read-only-vs-prose", html);
        Assert.Contains("&lt;while&gt;", html); // encoded, never raw markup
        Assert.Contains("href=\"#check-discovery.spc.schema-urn\"", html.Replace("%2E", "."));
        Assert.Contains("(Pass)", html);
    }

    [Fact]
    public void The_markdown_summary_lists_each_defect_with_its_checks()
    {
        var md = MarkdownSummaryRenderer.Render(WithIssue());

        Assert.Contains($"<summary>{SpecIssueSection.Heading} (1)</summary>", md);
        Assert.Contains("`abbey-00.read-only-vs-prose`", md);
        Assert.Contains("`discovery.spc.schema-urn` (Pass)", md);
    }

    [Fact]
    public void A_run_that_ran_into_no_defect_has_no_section()
    {
        Assert.DoesNotContain("spec-issues", HtmlReportRenderer.Render(SampleResults.EveryOutcome()));
        Assert.DoesNotContain(SpecIssueSection.Heading, MarkdownSummaryRenderer.Render(SampleResults.EveryOutcome()));
    }

    [Fact]
    public void Result_json_carries_the_defects_and_each_checks_ids()
    {
        var document = WithIssue() with
        {
            Checks = [.. WithIssue().Checks.Select(c => c.Id == "discovery.spc.schema-urn" ? c with { SpecIssues = [Issue.Id] } : c)],
        };
        var json = ResultJson.Serialize(document);
        var read = ResultJson.Deserialize(json);

        Assert.Contains("\"specIssues\"", json);
        Assert.Equal(Issue.Id, Assert.Single(read.SpecIssues).Id);
        Assert.Equal([Issue.Id], read.Checks.Single(c => c.Id == "discovery.spc.schema-urn").SpecIssues);
        Assert.Equal(ResultDocument.CurrentSchemaVersion, read.SchemaVersion);
    }

    [Fact]
    public void Only_defects_touched_by_checks_with_a_verdict_are_listed()
    {
        CheckResult Touching(string id, Outcome outcome) =>
            SampleResults.Check(id, "agents", RequirementLevel.Must, outcome) with { SpecIssues = [SpecIssueCatalog.ReadOnlyVersusProse] };

        Assert.Empty(SpecIssueCatalog.RanInto([Touching("agents.a", Outcome.NotApplicable), Touching("agents.b", Outcome.Skipped)]));
        var issue = Assert.Single(SpecIssueCatalog.RanInto([Touching("agents.a", Outcome.Fail), Touching("agents.b", Outcome.NotApplicable)]));
        Assert.Equal(["agents.a"], issue.Checks);
    }

    [Fact]
    public void Every_check_names_only_known_defects()
    {
        var unknown = CheckCatalog.All.SelectMany(c => c.SpecIssues.Where(id => !SpecIssueCatalog.IsKnown(id)).Select(id => $"{c.Id} → {id}")).ToList();
        Assert.True(unknown.Count == 0, $"checks naming unknown spec issues: {string.Join(", ", unknown)}");
    }
}
