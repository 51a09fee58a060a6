using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Xunit;

namespace Scim.Conformance.Tests.Reports;

/// <summary>A verdict that rests on an adaptation (an RFC fallback, a learned creation rule, a template) says so in
/// result.json, under the verdict in report.html, and under the run's verdict in summary.md.</summary>
public sealed class AdaptationSectionTests
{
    private const string Fallback = "/ResourceTypes: the User resource type names the extension schema <x> as its core schema; the suite used RFC 7643 §8.7.1's User";

    private static ResultDocument Adapted()
    {
        var document = SampleResults.EveryOutcome();
        var checks = document.Checks.Select((c, i) => i < 2 ? c with { Adaptations = [Fallback] } : c).ToList();
        return document with { Checks = checks };
    }

    [Fact]
    public void The_html_report_shows_each_adaptation_under_the_verdict_and_in_a_summary()
    {
        var html = HtmlReportRenderer.Render(Adapted());
        Assert.Contains("<section id=\"adaptations\">", html);
        Assert.Contains(AdaptationSection.Heading, html);
        Assert.Contains("(2 verdicts)", html);
        Assert.Contains("<dt>Adapted</dt>", html);
        Assert.Contains("&lt;x&gt;", html); // encoded, never raw markup
        Assert.True(html.IndexOf("id=\"adaptations\"", StringComparison.Ordinal) < html.IndexOf("class=\"check\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_markdown_summary_lists_the_adaptations_under_the_verdict()
    {
        var md = MarkdownSummaryRenderer.Render(Adapted());
        var heading = md.IndexOf(AdaptationSection.Heading, StringComparison.Ordinal);
        Assert.True(heading > 0 && heading < md.IndexOf("| Outcome | Checks |", StringComparison.Ordinal), md);
        Assert.Contains("RFC 7643 §8.7.1", md);
        Assert.Contains("(2 verdicts)", md);
    }

    [Fact]
    public void A_run_without_adaptations_shows_no_section()
    {
        Assert.DoesNotContain(AdaptationSection.Heading, HtmlReportRenderer.Render(SampleResults.EveryOutcome()));
        Assert.DoesNotContain(AdaptationSection.Heading, MarkdownSummaryRenderer.Render(SampleResults.EveryOutcome()));
    }

    [Fact]
    public void Adaptations_travel_in_result_json_and_an_older_document_without_them_still_reads()
    {
        var json = ResultJson.Serialize(Adapted());
        Assert.Contains("\"adaptations\"", json);
        var read = ResultJson.Deserialize(json);
        Assert.Equal([Fallback], read.Checks[0].Adaptations);
        // A result.json written before adaptations existed has no such member: it reads as none.
        var older = System.Text.RegularExpressions.Regex.Replace(json, @",?\s*""adaptations"":\s*\[[^\]]*\]", "");
        Assert.DoesNotContain("adaptations", older);
        Assert.All(ResultJson.Deserialize(older).Checks, c => Assert.Empty(c.Adaptations));
    }
}
