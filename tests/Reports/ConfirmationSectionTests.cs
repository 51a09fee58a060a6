using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Xunit;

namespace Scim.Conformance.Tests.Reports;

/// <summary>The confirmation pass in the reports: the "Unstable under concurrent requests" section in report.html and
/// summary.md, both runs' evidence on the check, and result.json staying readable by and from version 1.1.</summary>
public class ConfirmationSectionTests
{
    private const string Unstable = "filter.op.eq";
    private const string ConcurrentReason = "the server answered 500 Internal Server Error to GET /scim/v2/Users?filter=x: {\"detail\":\"Collection was modified\"}";

    private static ResultDocument WithUnstableCheck()
    {
        var alone = SampleResults.Check(Unstable, "filter", RequirementLevel.Must, Outcome.Pass) with
        {
            Exchanges = [new Exchange { Method = "GET", Url = SampleResults.BaseUrl + "/Users?alone", Status = 200 }],
            Confirmation = new Confirmation
            {
                Confirmed = false,
                Concurrency = 8,
                AloneOutcome = Outcome.Pass,
                ConcurrentOutcome = Outcome.Fail,
                ConcurrentReason = ConcurrentReason,
                ConcurrentExpected = "one user",
                ConcurrentActual = "HTTP 500 to GET /scim/v2/Users?filter=x",
                ConcurrentExchanges = [new Exchange { Method = "GET", Url = SampleResults.BaseUrl + "/Users?concurrent", Status = 500, ResponseBody = "{\"detail\":\"Collection was modified\"}" }],
            },
        };
        var confirmed = SampleResults.Check("patch.atomic", "patch", RequirementLevel.Must, Outcome.Fail) with
        {
            Reason = "not atomic",
            Confirmation = new Confirmation { Confirmed = true, Concurrency = 8, AloneOutcome = Outcome.Fail },
        };
        return SampleResults.Document([alone, confirmed]) with
        {
            Confirmation = new ConfirmationSummary
            {
                Ran = true, Concurrency = 8, Rerun = 2, Confirmed = 1,
                Unstable = [new UnstableCheck(Unstable, Outcome.Fail, Outcome.Pass, ConcurrentReason)],
            },
        };
    }

    [Fact]
    public void Report_html_lists_the_unstable_checks_and_keeps_both_runs_on_the_check()
    {
        var html = HtmlReportRenderer.Render(WithUnstableCheck());

        Assert.Contains("<h2>Unstable under concurrent requests</h2>", html);
        Assert.Contains("The server gave different answers to the same check under 8 concurrent requests", html);
        Assert.Contains("HTTP exchanges under 8 concurrent checks (1)", html);
        Assert.Contains("/Users?concurrent", html);
        Assert.Contains("/Users?alone", html);
        Assert.Contains("Actual (concurrent run)", html);
        Assert.Contains("confirmed: run again alone, it gave the same outcome (Fail)", html);
        Assert.Contains("2 check(s) re-run alone, 1 verdict(s) confirmed, 1 unstable under 8 concurrent requests", html);
    }

    [Fact]
    public void Summary_md_has_the_section_with_what_the_concurrent_run_saw()
    {
        var md = MarkdownSummaryRenderer.Render(WithUnstableCheck());

        Assert.Contains("### Unstable under concurrent requests", md);
        Assert.Contains("The server gave different answers to the same check under 8 concurrent requests", md);
        Assert.Contains("| `filter.op.eq` | Fail | Pass |", md);
        Assert.Contains("Collection was modified", md);
    }

    [Fact]
    public void A_pass_that_did_not_run_says_why_and_no_section_appears()
    {
        var document = SampleResults.AllPass() with { Confirmation = new ConfirmationSummary { Ran = false, Concurrency = 1, SkippedBecause = "--concurrency 1: every check already ran alone, so there is nothing to confirm" } };
        var md = MarkdownSummaryRenderer.Render(document);
        var html = HtmlReportRenderer.Render(document);

        Assert.DoesNotContain(ConfirmationSection.Heading, md);
        Assert.DoesNotContain(ConfirmationSection.Heading, html);
        Assert.Contains("Confirmation: not run, --concurrency 1", md);
        Assert.Contains("Confirmation: not run, --concurrency 1", html);
    }

    [Fact]
    public void Result_json_adds_the_members_and_reads_documents_written_without_them()
    {
        var json = ResultJson.Serialize(WithUnstableCheck());
        Assert.Contains("\"concurrentOutcome\": \"Fail\"", json);
        Assert.Contains("\"unstable\": [", json);
        Assert.DoesNotContain("verdictReplaced", json); // the computed flag is not written
        var read = ResultJson.Deserialize(json);
        Assert.Equal(Outcome.Pass, read.Checks.Single(c => c.Id == Unstable).Confirmation!.AloneOutcome);

        var older = ResultJson.Deserialize(ResultJson.Serialize(SampleResults.AllPass()).Replace($"\"schemaVersion\": \"{ResultDocument.CurrentSchemaVersion}\"", "\"schemaVersion\": \"1.1\""));
        Assert.Null(older.Confirmation);
        Assert.All(older.Checks, c => Assert.Null(c.Confirmation));
    }
}
