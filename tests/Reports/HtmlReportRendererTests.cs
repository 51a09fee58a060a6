using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Xunit;

using Scim.Conformance.Tests.Support;

namespace Scim.Conformance.Tests.Reports;

public sealed class HtmlReportRendererTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ResultDocument _document = SampleResults.EveryOutcome();
    private readonly string _html;
    private readonly IDocument _dom;

    public HtmlReportRendererTests()
    {
        new HtmlReportRenderer().Write(_document, _dir.Path);
        _html = File.ReadAllText(_dir.File("report.html"));
        _dom = new HtmlParser().ParseDocument(_html);
    }

    public void Dispose()
    {
        _dom.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Every_check_has_its_own_element_with_id_title_outcome_and_level()
    {
        foreach (var check in _document.Checks)
        {
            var element = _dom.GetElementById("check-" + check.Id);
            Assert.NotNull(element);
            Assert.Equal(check.Outcome.ToString(), element.GetAttribute("data-outcome"));
            Assert.Equal(check.Id, element.QuerySelector("summary code.id")?.TextContent);
            Assert.Contains(check.Title, element.TextContent);
            Assert.Equal(check.Level.Keyword(), element.QuerySelector("summary .level")?.TextContent);
            Assert.Equal(OutcomeText.Label(check.Outcome), element.QuerySelector("summary .badge")?.TextContent);
            foreach (var reference in check.References) Assert.Contains(reference, element.TextContent);
            foreach (var row in check.CatalogRows) Assert.Contains(row, element.TextContent);
            if (check.Reason is { } reason) Assert.Contains(reason, element.TextContent);
            Assert.Equal(check.Exchanges.Count, element.QuerySelectorAll("details.exchange").Length);
        }
        Assert.Equal(_document.Checks.Count, _dom.QuerySelectorAll("details.check").Length);
    }

    [Fact]
    public void Nothing_is_loaded_from_outside_the_file()
    {
        Assert.Empty(_dom.QuerySelectorAll("script[src], link, iframe, object, embed, img, base"));
        foreach (var element in _dom.All)
            foreach (var attribute in new[] { "src", "href", "action", "srcset", "poster", "data" })
            {
                var value = element.GetAttribute(attribute);
                if (value is not null)
                    Assert.True(value.StartsWith('#'), $"<{element.LocalName} {attribute}=\"{value}\"> leaves the page");
            }
        Assert.DoesNotContain("@import", _html);
        Assert.DoesNotContain("url(", string.Concat(_dom.QuerySelectorAll("style").Select(s => s.TextContent)));
    }

    [Fact]
    public void Hostile_server_text_is_shown_as_text_never_as_markup()
    {
        Assert.DoesNotContain(SampleResults.Script, _html);
        Assert.DoesNotContain("<img", _html);
        Assert.DoesNotContain(SampleResults.ControlChar, _html, StringComparison.Ordinal);

        var failed = _dom.GetElementById("check-filter.eq.case-insensitive")!;
        var response = failed.QuerySelectorAll("pre.response")[0].TextContent;
        Assert.Contains(SampleResults.Script + SampleResults.CdataEnd, response);   // shown verbatim, minus the control char
        Assert.Contains("X-Hostile: " + SampleResults.ExternalImage, response);
        Assert.Contains(failed.QuerySelectorAll("dl.facts dd pre"), pre => pre.TextContent.Contains(SampleResults.Script));

        var scripts = _dom.QuerySelectorAll("script");
        Assert.Single(scripts);   // ours, and only ours
        Assert.DoesNotContain("alert", scripts[0].TextContent);
    }

    [Fact]
    public void Content_security_policy_allows_exactly_the_inline_style_and_script()
    {
        var policy = _dom.QuerySelector("meta[http-equiv='Content-Security-Policy']")?.GetAttribute("content");
        Assert.NotNull(policy);
        Assert.Contains("default-src 'none'", policy);
        var script = _dom.QuerySelector("script")!.TextContent;
        var style = _dom.QuerySelector("style")!.TextContent;
        Assert.Contains($"script-src '{Sha256(script)}'", policy);
        Assert.Contains($"style-src '{Sha256(style)}'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }

    [Fact]
    public void Large_bodies_are_kept_whole()
    {
        var large = _dom.GetElementById("check-filter.eq.case-insensitive")!.QuerySelectorAll("pre.response")[1].TextContent;
        Assert.Contains(SampleResults.LargeBodyEnd, large);
        Assert.True(large.Length > SampleResults.LargeBodyLength, $"response text is {large.Length} chars");
        Assert.Contains("[body truncated; the whole body was 5242880 bytes]", large);
    }

    [Fact]
    public void Header_names_the_run()
    {
        var header = _dom.QuerySelector("header")!.TextContent;
        foreach (var fact in new[] { "scim-conformance", "0.1.0-test", "vendor-sandbox", SampleResults.BaseUrl, "strict",
                     "2026-11-23 10:00:00 UTC", "2026-11-23 10:00:42 UTC", "run-abc123" })
            Assert.Contains(fact, header);
        Assert.StartsWith("Does not conform: 2 MUST requirements violated", _dom.GetElementById("verdict")!.TextContent);
    }

    [Fact]
    public void Legend_explains_every_outcome()
    {
        var rows = _dom.QuerySelectorAll("#legend tr[data-outcome]");
        Assert.Equal(Enum.GetNames<Outcome>(), rows.Select(r => r.GetAttribute("data-outcome")!));
        foreach (var row in rows)
            Assert.Contains(OutcomeText.Meaning(Enum.Parse<Outcome>(row.GetAttribute("data-outcome")!)), row.TextContent);
    }

    [Fact]
    public void Summary_tables_count_what_the_document_counts()
    {
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            var cell = _dom.QuerySelector($"table.by-outcome tr[data-outcome='{outcome}'] td.num");
            Assert.Equal(_document.Summary.Count(outcome).ToString(), cell?.TextContent);
        }
        foreach (var (area, counts) in _document.Summary.ByArea)
            foreach (var (outcome, n) in counts)
                Assert.Equal(n.ToString(), _dom.QuerySelector($"table.by-area tr[data-key='{area}'] td[data-outcome='{outcome}']")?.TextContent);
        Assert.Equal("6", _dom.QuerySelector("table.by-level tr[data-key='MUST'] td:last-child")?.TextContent);
        Assert.Equal("2", _dom.QuerySelector("table.by-level tr[data-key='MUST'] td[data-outcome='Fail']")?.TextContent);
    }

    [Fact]
    public void Capabilities_are_listed()
    {
        var table = _dom.QuerySelector("#capabilities table")!.TextContent;
        Assert.Contains("patch.supported", table);
        Assert.Contains("filter.maxResults", table);
        Assert.Contains("200", table);
    }

    [Fact]
    public void Failures_come_first_in_their_area_and_are_open()
    {
        var discovery = _dom.GetElementById("area-discovery")!.QuerySelectorAll("details.check").Select(c => c.Id).ToList();
        Assert.Equal(["check-discovery.schemas.core-user", "check-discovery.spc.schema-urn"], discovery);
        Assert.True(_dom.GetElementById("check-discovery.schemas.core-user")!.HasAttribute("open"));
        Assert.False(_dom.GetElementById("check-discovery.spc.schema-urn")!.HasAttribute("open"));
    }

    [Fact]
    public void Expected_actual_duration_and_exchanges_are_shown()
    {
        var check = _dom.GetElementById("check-filter.eq.case-insensitive")!;
        var text = check.TextContent;
        Assert.Contains("Expected", text);
        Assert.Contains("1 result", text);
        Assert.Contains("0 results", text);
        Assert.Contains("125 ms", text);
        Assert.Contains("GET /Users?filter=userName%20eq%20%22ALICE%22 → 200", check.QuerySelector("details.exchange summary")!.TextContent);
        Assert.Contains("Authorization: [redacted]", check.QuerySelector("pre.request")!.TextContent);

        var error = _dom.GetElementById("check-errors.timeout.users-list")!;
        Assert.Contains("GET /Users → no response", error.QuerySelector("details.exchange summary")!.TextContent);
        Assert.Contains("No response: timeout after 30 s", error.QuerySelector("pre.response")!.TextContent);
    }

    [Fact]
    public void Baseline_is_summarised_and_shown_per_check()
    {
        var section = _dom.GetElementById("baseline");
        Assert.NotNull(section);
        Assert.Contains("baseline.json", section.TextContent);
        var regression = section.QuerySelector("a[href='#check-discovery.schemas.core-user']");
        Assert.NotNull(regression);
        Assert.Contains("removed.check", section.TextContent);
        Assert.Contains("As expected; the baseline expects Fail (known vendor bug)",
            _dom.GetElementById("check-filter.eq.case-insensitive")!.TextContent);
    }

    [Fact]
    public void Without_baseline_there_is_no_baseline_section()
    {
        using var dom = new HtmlParser().ParseDocument(HtmlReportRenderer.Render(SampleResults.AllPass()));
        Assert.Null(dom.GetElementById("baseline"));
        Assert.Equal("Conforms: every applicable requirement is met", dom.GetElementById("verdict")!.TextContent);
    }

    [Fact]
    public void Filter_buttons_exist_for_each_outcome_present_and_are_hidden_until_the_script_runs()
    {
        var bar = _dom.GetElementById("filters")!;
        Assert.True(bar.HasAttribute("hidden"));
        var filters = bar.QuerySelectorAll("button").Select(b => b.GetAttribute("data-filter")).ToList();
        Assert.Equal(["all", .. Enum.GetNames<Outcome>()], filters);
    }

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
