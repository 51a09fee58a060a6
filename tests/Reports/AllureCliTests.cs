using System.Text.Json;
using Scim.Conformance.Reports.Renderers;
using Xunit;

using Scim.Conformance.Tests.Support;

namespace Scim.Conformance.Tests.Reports;

/// <summary>Proves that the real Allure 3 CLI accepts our hand-written allure-results: it generates a report whose
/// statistics match the document and finds every attachment. Runs when ALLURE_CLI points at allure's cli.js
/// (tests/scripts/install-report-tools.sh); skipped otherwise.</summary>
public sealed class AllureCliTests
{
    [Fact]
    public async Task Allure_generates_a_report_whose_statistics_match_the_document()
    {
        var cli = ExternalTool.Require("ALLURE_CLI", "run tests/scripts/install-report-tools.sh to install Allure 3");
        using var dir = new TempDirectory("scim-allure-");
        var document = SampleResults.EveryOutcome();
        new AllureResultsRenderer().Write(document, dir.Path);
        var output = dir.File("allure-report");

        // Run from the temp dir so that no allurerc file of the caller's working directory changes the output.
        var run = await ExternalTool.RunAsync("node", [cli, "generate", dir.File("allure-results"), "-o", output], dir.Path);

        Assert.True(run.ExitCode == 0, $"allure exited with {run.ExitCode}\n{run.StdOut}\n{run.StdErr}");
        Assert.True(File.Exists(Path.Combine(output, "index.html")), "no index.html");

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var stats = summary.RootElement.GetProperty("stats");
        Assert.Equal(8, stats.GetProperty("total").GetInt32());
        Assert.Equal(3, stats.GetProperty("passed").GetInt32());    // Pass, Warn, Info
        Assert.Equal(2, stats.GetProperty("failed").GetInt32());    // Fail
        Assert.Equal(1, stats.GetProperty("broken").GetInt32());    // Error
        Assert.Equal(2, stats.GetProperty("skipped").GetInt32());   // NotApplicable, Skipped
        Assert.Equal("failed", summary.RootElement.GetProperty("status").GetString());

        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "test-results.json")));
        var names = index.RootElement.GetProperty("byId").EnumerateObject()
            .Select(t => t.Value.GetProperty("name").GetString()!).ToList();
        foreach (var check in document.Checks)
            Assert.Contains(names, n => n.StartsWith(check.Id + " —", StringComparison.Ordinal));

        // Every attachment our results name was found by Allure ("missed" would mean a dangling source).
        var links = Directory.GetFiles(Path.Combine(output, "data", "test-results"), "*.json")
            .SelectMany(f => AttachmentLinks(JsonDocument.Parse(File.ReadAllText(f)).RootElement))
            .DistinctBy(l => l.GetProperty("originalFileName").GetString()).ToList();
        Assert.Equal(document.Checks.Count(c => c.Exchanges.Count > 0), links.Count);   // one per check with exchanges
        Assert.All(links, l => Assert.False(l.GetProperty("missed").GetBoolean(), l.GetProperty("originalFileName").GetString()));
    }

    private static IEnumerable<JsonElement> AttachmentLinks(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object when element.TryGetProperty("type", out var type) && type.ValueEquals("attachment")
            && element.TryGetProperty("link", out var link) => [link],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => AttachmentLinks(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(AttachmentLinks),
        _ => [],
    };
}
