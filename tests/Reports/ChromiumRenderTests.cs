using AngleSharp.Html.Parser;
using Scim.Conformance.Reports.Renderers;
using Xunit;

using Scim.Conformance.Tests.Support;

namespace Scim.Conformance.Tests.Reports;

/// <summary>Proves that report.html renders in a real browser from a file:// URL with no network: every check is in
/// the rendered DOM, our script ran (it marks the page and applies the filter from the URL), and the browser
/// logged no JavaScript error and no Content-Security-Policy violation. Runs when CHROMIUM points at a Chromium
/// binary (tests/scripts/install-report-tools.sh); skipped otherwise.</summary>
public sealed class ChromiumRenderTests
{
    private const string InstallHint = "run tests/scripts/install-report-tools.sh to install Chromium";

    [Fact]
    public async Task Report_renders_every_check_and_its_script_runs_without_errors()
    {
        var chromium = ExternalTool.Require("CHROMIUM", InstallHint);
        using var dir = new TempDirectory("scim-chromium-");
        var document = SampleResults.EveryOutcome();
        new HtmlReportRenderer().Write(document, dir.Path);

        var run = await DumpDomAsync(chromium, new Uri(dir.File("report.html")) + "#outcome=Fail", dir);

        Assert.True(run.ExitCode == 0, $"chromium exited with {run.ExitCode}\n{run.StdErr}");
        var errors = PageErrors(run.StdErr);
        Assert.True(errors.Count == 0, "the page logged errors:\n" + string.Join('\n', errors));
        using var dom = new HtmlParser().ParseDocument(run.StdOut);
        Assert.Equal("ready", dom.DocumentElement.GetAttribute("data-script"));
        Assert.False(dom.GetElementById("filters")!.HasAttribute("hidden"));
        foreach (var check in document.Checks)
        {
            var element = dom.GetElementById("check-" + check.Id);
            Assert.NotNull(element);
            Assert.Contains(check.Id, element.TextContent);
            // The filter from the URL shows only failures.
            Assert.Equal(check.Outcome != Scim.Conformance.Reports.Model.Outcome.Fail, element.HasAttribute("hidden"));
        }
    }

    [Fact]
    public async Task A_script_error_would_be_caught()
    {
        // Guards the assertion above: if Chromium stopped reporting page errors on stderr, this test would fail
        // instead of the real test silently passing.
        var chromium = ExternalTool.Require("CHROMIUM", InstallHint);
        using var dir = new TempDirectory("scim-chromium-");
        var page = dir.File("broken.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><body><p>x</p><script>notDefined();</script></body></html>");

        var run = await DumpDomAsync(chromium, new Uri(page).ToString(), dir);

        Assert.Contains(PageErrors(run.StdErr), line => line.Contains("Uncaught ReferenceError", StringComparison.Ordinal));
    }

    // Uncaught JavaScript errors, and scripts or styles the Content-Security-Policy blocked (e.g. a hash mismatch).
    private static List<string> PageErrors(string stderr) =>
        [.. stderr.Split('\n').Where(l =>
            l.Contains("Uncaught", StringComparison.Ordinal) || l.Contains("Content Security Policy", StringComparison.Ordinal))];

    private static async Task<ExternalTool.Result> DumpDomAsync(string chromium, string url, TempDirectory dir)
    {
        var profile = Directory.CreateDirectory(dir.File("chromium-profile")).FullName;   // fresh: no state from other runs
        return await ExternalTool.RunAsync(chromium,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={profile}", "--virtual-time-budget=3000",
            "--enable-logging=stderr",   // without it, console errors (e.g. "Uncaught ...") are not printed
            "--dump-dom", url,
        ], dir.Path);
    }
}
