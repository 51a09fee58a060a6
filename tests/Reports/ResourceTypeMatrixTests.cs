using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Xunit;

namespace Scim.Conformance.Tests.Reports;

/// <summary>Per-type sub-results reach every place a reader looks: result.json (round trip), the requirement ×
/// resource type matrix and the lines under the verdict in report.html, and the attention row of summary.md.</summary>
public class ResourceTypeMatrixTests
{
    private static ResultDocument WithPerTypeCheck() => SampleResults.Document(
    [
        SampleResults.Check("lifecycle.create.location", "lifecycle", RequirementLevel.Must, Outcome.Fail) with
        {
            Reason = "Agent: a create of a Agent did not name the new resource (passed on User, Group)",
            Expected = "Agent: a Location header",
            Actual = "Agent: no Location header",
            AppliesTo = "each advertised resource type",
            ResourceTypes =
            [
                new ResourceTypeResult { ResourceType = "User", Outcome = Outcome.Pass },
                new ResourceTypeResult { ResourceType = "Group", Outcome = Outcome.Pass },
                new ResourceTypeResult { ResourceType = "Agent", Outcome = Outcome.Fail, Reason = "POST /Agents answered 201 without a Location header " + SampleResults.Script, Expected = "a Location header", Actual = "no Location header" },
            ],
        },
        SampleResults.Check("discovery.spc.schema-urn", "discovery", RequirementLevel.Must, Outcome.Pass),
    ]);

    [Fact]
    public void Result_json_keeps_the_per_type_sub_results()
    {
        var back = ResultJson.Deserialize(ResultJson.Serialize(WithPerTypeCheck()));
        var check = back.Checks.Single(c => c.Id == "lifecycle.create.location");
        Assert.Equal(["User", "Group", "Agent"], check.ResourceTypes.Select(r => r.ResourceType));
        Assert.Equal(Outcome.Fail, check.ResourceTypes[2].Outcome);
        Assert.Equal("each advertised resource type", check.AppliesTo);
        Assert.Empty(back.Checks.Single(c => c.Id == "discovery.spc.schema-urn").ResourceTypes);
    }

    [Fact]
    public void Report_html_has_a_matrix_with_one_cell_per_type_and_the_lines_under_the_verdict()
    {
        var html = HtmlReportRenderer.Render(WithPerTypeCheck());
        Assert.Contains("id=\"resource-types\"", html);
        var matrix = html[html.IndexOf("id=\"resource-types\"", StringComparison.Ordinal)..html.IndexOf("</section>", html.IndexOf("id=\"resource-types\"", StringComparison.Ordinal), StringComparison.Ordinal)];
        Assert.Contains("<th>User</th><th>Group</th><th>Agent</th>", matrix);
        Assert.Contains("data-resource-type=\"Agent\" data-outcome=\"Fail\"", matrix);
        Assert.Contains("data-resource-type=\"User\" data-outcome=\"Pass\"", matrix);
        Assert.DoesNotContain("discovery.spc.schema-urn", matrix);
        Assert.Contains("<h4>By resource type</h4>", html);
        Assert.DoesNotContain(SampleResults.Script, html);
    }

    [Fact]
    public void Report_html_has_no_matrix_when_no_check_ran_per_type()
    {
        var html = HtmlReportRenderer.Render(SampleResults.AllPass());
        Assert.DoesNotContain("id=\"resource-types\"", html);
        Assert.DoesNotContain("By resource type", html);
    }

    [Fact]
    public void Summary_md_names_each_type_outcome_on_the_attention_row()
    {
        var md = MarkdownSummaryRenderer.Render(WithPerTypeCheck());
        Assert.Contains("By resource type: User: Pass; Group: Pass; Agent: Fail (POST /Agents answered 201 without a Location header", md);
    }
}
