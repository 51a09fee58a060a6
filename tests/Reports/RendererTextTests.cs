using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Xunit;

namespace Scim.Conformance.Tests.Reports;

/// <summary>The small shared helpers every renderer relies on.</summary>
public sealed class RendererTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\u0001b\u0008c\u001Fd", "abcd")]
    [InlineData("tab\tcr\rlf\n", "tab\tcr\rlf\n")]
    [InlineData("pair \uD83D\uDE00 kept", "pair \uD83D\uDE00 kept")]
    [InlineData("\uFFFE\uFFFF", "")]
    public void XmlSafe_drops_exactly_the_characters_xml_forbids(string input, string expected) =>
        Assert.Equal(expected, ReportText.XmlSafe(input));

    [Fact]
    public void XmlSafe_drops_lone_surrogates()   // not as InlineData: attribute strings cannot hold a lone surrogate
    {
        Assert.Equal("lone  low", ReportText.XmlSafe("lone \uD800 low"));
        Assert.Equal("end", ReportText.XmlSafe("end\uD83D"));
        Assert.Equal("x", ReportText.XmlSafe("\uDE00x"));
    }

    [Fact]
    public void Html_encoding_neutralises_markup_and_quotes() =>
        Assert.Equal("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;\u00e9", HtmlText.Encode("<a href=\"x\" title='y'>&\u0001\u00e9"));

    [Fact]
    public void Markdown_code_uses_a_fence_longer_than_the_content()
    {
        Assert.Equal("``a`b``", MarkdownText.Code("a`b"));
        Assert.Equal("`` `x ``", MarkdownText.Code("`x"));
        Assert.Equal("`a\\|b`", MarkdownText.Code("a|b", inTable: true));
        Assert.Equal("````text\n```\n````", MarkdownText.Fence("```"));
    }

    [Theory]
    [InlineData("RFC7644 §3.4.2.2", "https://www.rfc-editor.org/rfc/rfc7644#section-3.4.2.2")]
    [InlineData("RFC 7643", "https://www.rfc-editor.org/rfc/rfc7643")]
    [InlineData("RFC7643 §A", "https://www.rfc-editor.org/rfc/rfc7643#appendix-A")]
    [InlineData("draft-abbey-scim-agent-extension-00 §4", "https://datatracker.ietf.org/doc/html/draft-abbey-scim-agent-extension-00#section-4")]
    [InlineData("vendor docs", null)]
    public void References_become_section_urls(string reference, string? url) =>
        Assert.Equal(url, ReferenceLinks.UrlFor(reference));

    [Fact]
    public void Stable_ids_are_deterministic_uuids()
    {
        Assert.Equal(StableId.Uuid("a", "b"), StableId.Uuid("a", "b"));
        Assert.NotEqual(StableId.Uuid("a", "b"), StableId.Uuid("ab"));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", StableId.Uuid("x"));
        Assert.Matches("^[0-9a-f]{32}$", StableId.Hash("x"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/scim/v2/Users?x=1", "http://127.0.0.1:5000/scim/v2/", "GET /Users?x=1 → 200")]
    [InlineData("http://127.0.0.1:5000/scim/v2", "http://127.0.0.1:5000/scim/v2", "GET / → 200")]
    [InlineData("http://127.0.0.1:5000/scim/v20/Users", "http://127.0.0.1:5000/scim/v2", "GET /scim/v20/Users → 200")]
    [InlineData("http://127.0.0.1:5000/scim/v2/Users", null, "GET /scim/v2/Users → 200")]
    public void Exchange_titles_are_relative_to_the_base_url(string url, string? baseUrl, string expected) =>
        Assert.Equal(expected, ExchangeText.Title(new Exchange { Method = "GET", Url = url, Status = 200 }, baseUrl));

    [Fact]
    public void Display_url_drops_user_info() =>
        Assert.Equal("https://host.example/scim", ReportText.DisplayUrl("https://user:pw@host.example/scim"));

    [Fact]
    public void Verdict_judges_at_must_level()
    {
        SummaryWith(Outcome.Pass, Outcome.Warn).Verify(RunVerdict.Kind.ConformsWithWarnings);
        SummaryWith(Outcome.Pass, Outcome.Error).Verify(RunVerdict.Kind.Inconclusive);
        SummaryWith(Outcome.Skipped, Outcome.NotApplicable).Verify(RunVerdict.Kind.Inconclusive);
        SummaryWith(Outcome.Fail, Outcome.Error).Verify(RunVerdict.Kind.DoesNotConform);
        SummaryWith(Outcome.Pass, Outcome.Info).Verify(RunVerdict.Kind.Conforms);
    }

    private static Summary SummaryWith(params Outcome[] outcomes) =>
        Summary.Of([.. outcomes.Select((o, i) => SampleResults.Check($"c{i}", "a", RequirementLevel.Must, o))]);
}

internal static class VerdictAssertions
{
    public static void Verify(this Summary summary, RunVerdict.Kind expected) => Assert.Equal(expected, RunVerdict.Of(summary).Result);
}
