using AngleSharp.Html.Parser;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Reports;

/// <summary>The buyer's view: each procurement question is answered yes, no or untested from the checks mapped to it,
/// the mapping names only checks that exist, and both report.html (also in a real browser) and summary.md show it
/// with links to the checks behind each answer.</summary>
public sealed class BuyersViewTests
{
    private static CheckResult Result(string id, Outcome outcome, string? actual = null, string? reason = null) =>
        SampleResults.Check(id, id.Split('.')[0], RequirementLevel.Must, outcome) with { Actual = actual, Reason = reason ?? (outcome == Outcome.Pass ? null : $"reason for {id}") };

    private static BuyerVerdict Verdict(string question, params CheckResult[] checks) =>
        BuyersView.Answer(SampleResults.Document(checks)).Single(v => v.Question.Id == question);

    /// <summary>A run where the deactivation path works end to end, with measured propagation times.</summary>
    private static ResultDocument Deprovisioning() => SampleResults.Document(
    [
        Result("lifecycle.create.status-201", Outcome.Pass),
        Result("lifecycle.read.by-id", Outcome.Pass),
        Result("lifecycle.group.members", Outcome.Pass),
        Result("deactivation.patch.rfc-forms", Outcome.NotApplicable, reason: "the ServiceProviderConfig does not advertise patch.supported (it is false)"),
        Result("deactivation.put.active-false", Outcome.Pass),
        Result("deactivation.credential.refused-after-deactivation", Outcome.Pass, actual: "refused (GET https://idp.example/whoami → 401) 0.40 s after the agent was deactivated (window 5.00 s)"),
        Result("deactivation.cascade.owner-deactivated", Outcome.Fail, reason: "the target declares 'deactivate-agents' when an agent's owner is deactivated, but the agent did not get there within the window"),
    ]);

    [Fact]
    public void Every_check_the_view_names_is_in_the_catalog()
    {
        var unknown = BuyersView.CheckIds.Where(id => CheckCatalog.Find(id) is null).ToList();
        Assert.True(unknown.Count == 0, $"the buyer's view names checks that do not exist: {string.Join(", ", unknown)}");
        Assert.All(BuyersView.Questions, q => Assert.NotEmpty(q.Proof));
    }

    [Fact]
    public void A_passing_proof_answers_yes_and_quotes_the_measurement()
    {
        var verdict = Verdict("deactivation-revokes",
            Result("deactivation.credential.refused-after-deactivation", Outcome.Pass, actual: "refused 0.40 s after"),
            Result("deactivation.put.active-false", Outcome.Pass));
        Assert.Equal(BuyerAnswer.Yes, verdict.Answer);
        Assert.Contains("0.40 s", verdict.Why);
    }

    [Theory]
    [InlineData(Outcome.Fail)]
    [InlineData(Outcome.Warn)]
    public void A_failing_or_warning_check_answers_no_even_beside_a_pass(Outcome outcome)
    {
        var verdict = Verdict("deactivation-revokes",
            Result("deactivation.credential.refused-after-deactivation", Outcome.Pass),
            Result("deactivation.credential.refused-after-delete", outcome));
        Assert.Equal(BuyerAnswer.No, verdict.Answer);
        Assert.Contains("reason for deactivation.credential.refused-after-delete", verdict.Why);
    }

    [Fact]
    public void Behaviour_the_specification_leaves_open_still_answers_no_and_says_so()
    {
        // The draft does not oblige a server to revoke an agent's credential (Info), but a buyer asked what it does.
        var verdict = Verdict("deactivation-revokes",
            Result("deactivation.credential.refused-after-deactivation", Outcome.Info, reason: "the agent's credential still worked 5.00 s after deactivation"),
            Result("deactivation.put.active-false", Outcome.Pass));
        Assert.Equal(BuyerAnswer.No, verdict.Answer);
        Assert.Contains("still worked", verdict.Why);
        Assert.Contains("not required by the specification", verdict.Why);
    }

    [Fact]
    public void A_support_check_alone_never_answers_yes()
    {
        // The SCIM state changed, but nobody probed a credential: whether access is revoked is unknown.
        var verdict = Verdict("deactivation-revokes",
            Result("deactivation.put.active-false", Outcome.Pass),
            Result("deactivation.credential.refused-after-deactivation", Outcome.NotApplicable, reason: "the target's configuration has no credentialProbe"));
        Assert.Equal(BuyerAnswer.Untested, verdict.Answer);
        Assert.Contains("credentialProbe", verdict.Why);
    }

    [Fact]
    public void A_feature_that_is_not_offered_answers_no()
    {
        var verdict = Verdict("patch-supported", Result("deactivation.patch.rfc-forms", Outcome.NotApplicable, reason: "patch.supported is false"));
        Assert.Equal(BuyerAnswer.No, verdict.Answer);
        Assert.Contains("patch.supported", verdict.Why);
    }

    [Fact]
    public void A_verified_declaration_that_nothing_happens_answers_no()
    {
        var verdict = Verdict("owner-cascade",
            Result("deactivation.cascade.owner-deactivated", Outcome.Pass, actual: "declared none: the agent stayed active for the whole window of 5.00 s"));
        Assert.Equal(BuyerAnswer.No, verdict.Answer);
    }

    [Fact]
    public void A_question_whose_checks_did_not_run_is_untested()
    {
        var verdict = Verdict("owner-cascade", Result("lifecycle.read.by-id", Outcome.Pass));
        Assert.Equal(BuyerAnswer.Untested, verdict.Answer);
        Assert.Empty(verdict.Evidence);
    }

    [Fact]
    public void The_html_report_answers_every_question_with_links_to_checks_on_the_page()
    {
        var document = Deprovisioning();
        using var dom = new HtmlParser().ParseDocument(HtmlReportRenderer.Render(document));
        var rows = dom.QuerySelectorAll($"#{BuyersViewHtml.SectionId} tr[data-question]");
        Assert.Equal(BuyersView.Questions.Select(q => q.Id), rows.Select(r => r.GetAttribute("data-question")));
        Assert.Equal("yes", Row(rows, "deactivation-revokes").GetAttribute("data-answer"));
        Assert.Equal("no", Row(rows, "owner-cascade").GetAttribute("data-answer"));
        Assert.Equal("no", Row(rows, "patch-supported").GetAttribute("data-answer"));
        Assert.Equal("yes", Row(rows, "groups-synced").GetAttribute("data-answer"));
        foreach (var link in dom.QuerySelectorAll($"#{BuyersViewHtml.SectionId} a[href^='#']"))
            Assert.NotNull(dom.GetElementById(link.GetAttribute("href")![1..]));
        Assert.NotNull(dom.QuerySelector("nav a[href='#buyers-view']"));
    }

    [Fact]
    public void The_markdown_summary_answers_every_question()
    {
        var md = MarkdownSummaryRenderer.Render(Deprovisioning());
        Assert.Contains("### For buyers", md, StringComparison.Ordinal);
        foreach (var question in BuyersView.Questions)
            Assert.Contains(question.Question, md, StringComparison.Ordinal);
        Assert.Contains("| ✅ Yes |", md, StringComparison.Ordinal);
        Assert.Contains("| ❌ No |", md, StringComparison.Ordinal);
        Assert.Contains("`deactivation.credential.refused-after-deactivation`", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_buyers_view_renders_in_headless_chromium()
    {
        var chromium = ExternalTool.Require("CHROMIUM", "run tests/scripts/install-report-tools.sh to install Chromium");
        using var dir = new TempDirectory("scim-buyers-");
        new HtmlReportRenderer().Write(Deprovisioning(), dir.Path);
        var profile = Directory.CreateDirectory(dir.File("chromium-profile")).FullName;
        var run = await ExternalTool.RunAsync(chromium,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--virtual-time-budget=3000",
            "--enable-logging=stderr", "--dump-dom", new Uri(dir.File("report.html")) + "#buyers-view",
        ], dir.Path);

        Assert.True(run.ExitCode == 0, $"chromium exited with {run.ExitCode}\n{run.StdErr}");
        Assert.DoesNotContain(run.StdErr.Split('\n'), l => l.Contains("Uncaught", StringComparison.Ordinal) || l.Contains("Content Security Policy", StringComparison.Ordinal));
        using var dom = new HtmlParser().ParseDocument(run.StdOut);
        Assert.Equal("ready", dom.DocumentElement.GetAttribute("data-script"));
        var section = dom.GetElementById(BuyersViewHtml.SectionId);
        Assert.NotNull(section);
        Assert.False(section.HasAttribute("hidden"));
        Assert.Equal(BuyersView.Questions.Count, section.QuerySelectorAll("tr[data-question]").Length);
        Assert.Contains("Does deactivating someone revoke their access?", section.TextContent, StringComparison.Ordinal);
    }

    private static AngleSharp.Dom.IElement Row(AngleSharp.Dom.IHtmlCollection<AngleSharp.Dom.IElement> rows, string question) =>
        rows.Single(r => r.GetAttribute("data-question") == question);
}
