using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Xunit;

namespace Scim.Conformance.Tests.Reports;

/// <summary>How the target was reached shows in the reports: the authentication scheme names (never a secret), and a
/// warning no reader can miss when TLS verification was switched off; result.json only gains members.</summary>
public class TargetSecurityRenderingTests
{
    private static ResultDocument With(string? tls) => SampleResults.AllPass() with
    {
        Target = new TargetInfo
        {
            Name = "acme", BaseUrl = "https://scim.acme.test/v2", Authentication = "oauth2-client-credentials", SecondIdentity = "basic",
            TlsVerification = tls, ViaProxy = true,
        },
    };

    [Fact]
    public void Disabled_verification_is_a_banner_in_html_and_markdown()
    {
        var document = With(TlsVerificationModes.Disabled);
        var html = HtmlReportRenderer.Render(document);
        var markdown = MarkdownSummaryRenderer.Render(document);

        Assert.Contains("id=\"tls-unverified\"", html);
        Assert.Contains(TlsVerificationModes.DisabledWarning, html);
        Assert.Contains("[!WARNING]", markdown);
        Assert.Contains("DISABLED", markdown);
        Assert.Contains("oauth2-client-credentials; second identity: basic", html);
    }

    [Fact]
    public void Verified_tls_has_no_banner()
    {
        var document = With(TlsVerificationModes.System);
        Assert.DoesNotContain("tls-unverified", HtmlReportRenderer.Render(document));
        Assert.DoesNotContain("[!WARNING]", MarkdownSummaryRenderer.Render(document));
    }

    [Fact]
    public void The_target_members_round_trip_through_result_json_and_the_flag_is_not_written()
    {
        var json = ResultJson.Serialize(With(TlsVerificationModes.Disabled));
        Assert.Contains("\"tlsVerification\": \"disabled\"", json);
        Assert.DoesNotContain("tlsUnverified", json);
        var read = ResultJson.Deserialize(json);
        Assert.True(read.Target.TlsUnverified);
        Assert.Equal("oauth2-client-credentials", read.Target.Authentication);
        Assert.Equal(true, read.Target.ViaProxy);
    }
}
