using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Xunit;

using Scim.Conformance.Tests.Support;

namespace Scim.Conformance.Tests.Reports;

public sealed class ReportWriterTests
{
    [Fact]
    public void Writes_result_json_and_every_report()
    {
        using var dir = new TempDirectory();
        var output = Path.Combine(dir.Path, "nested", "conformance-report");   // created on demand
        var document = SampleResults.EveryOutcome();

        var written = ReportWriter.WriteAll(document, output, OutputMask.None);

        Assert.Equal(
            ["result.json", "report.html", "junit.xml", "summary.md", "allure-results", "ctrf.json"],
            written.Select(Path.GetFileName));
        Assert.All(written, p => Assert.True(Path.IsPathFullyQualified(p) && (File.Exists(p) || Directory.Exists(p)), p));
        Assert.Equal(["report.html", "junit.xml", "summary.md", "allure-results", "ctrf.json"], ReportWriter.All.Select(r => r.Name));

        var reread = ResultJson.Deserialize(File.ReadAllText(written[0]));
        Assert.Equal(document.Checks.Select(c => (c.Id, c.Outcome)), reread.Checks.Select(c => (c.Id, c.Outcome)));
    }
}
