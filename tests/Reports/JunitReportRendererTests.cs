using System.Globalization;
using System.Xml;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Xunit;

using Scim.Conformance.Tests.Support;

namespace Scim.Conformance.Tests.Reports;

public sealed class JunitReportRendererTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ResultDocument _document = SampleResults.EveryOutcome();
    private readonly XmlDocument _xml = new();

    public JunitReportRendererTests()
    {
        new JunitReportRenderer().Write(_document, _dir.Path);
        _xml.Load(_dir.File("junit.xml"));   // throws on anything that is not well-formed XML 1.0
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Root_counts_match_the_document()
    {
        var root = _xml.DocumentElement!;
        Assert.Equal("testsuites", root.Name);
        Assert.Equal("8", root.GetAttribute("tests"));
        Assert.Equal("2", root.GetAttribute("failures"));
        Assert.Equal("1", root.GetAttribute("errors"));
        Assert.Equal("2", root.GetAttribute("skipped"));
        Assert.Equal("1.000", root.GetAttribute("time"));   // 8 checks of 125 ms
    }

    [Fact]
    public void One_suite_per_area_whose_counts_match_its_testcases()
    {
        var suites = Nodes("/testsuites/testsuite");
        Assert.Equal(_document.Summary.ByArea.Keys.Order(StringComparer.Ordinal), suites.Select(s => s.GetAttribute("name")));
        foreach (var suite in suites)
        {
            var cases = suite.SelectNodes("testcase")!.Cast<XmlElement>().ToList();
            var area = suite.GetAttribute("name");
            Assert.Equal(_document.Checks.Count(c => c.Area == area), cases.Count);
            Assert.Equal(cases.Count.ToString(CultureInfo.InvariantCulture), suite.GetAttribute("tests"));
            Assert.Equal(cases.Count(c => c["failure"] is not null).ToString(CultureInfo.InvariantCulture), suite.GetAttribute("failures"));
            Assert.Equal(cases.Count(c => c["error"] is not null).ToString(CultureInfo.InvariantCulture), suite.GetAttribute("errors"));
            Assert.Equal(cases.Count(c => c["skipped"] is not null).ToString(CultureInfo.InvariantCulture), suite.GetAttribute("skipped"));
            Assert.All(cases, c => Assert.Equal(area, c.GetAttribute("classname")));
        }
    }

    [Fact]
    public void Each_outcome_maps_to_its_junit_element()
    {
        foreach (var check in _document.Checks)
        {
            var testcase = Testcase(check);
            Assert.Equal(check.Outcome.ToString(), Property(testcase, "outcome"));
            Assert.Equal(check.Level.Keyword(), Property(testcase, "level"));
            Assert.Equal("0.125", testcase.GetAttribute("time"));

            string[] present = [.. new[] { "failure", "error", "skipped" }.Where(n => testcase[n] is not null)];
            switch (check.Outcome)
            {
                case Outcome.Fail:
                    Assert.Equal(["failure"], present);
                    Assert.Equal(check.Reason, testcase["failure"]!.GetAttribute("message"));
                    Assert.Contains($"Expected: {check.Expected}", testcase["failure"]!.InnerText);
                    break;
                case Outcome.Error:
                    Assert.Equal(["error"], present);
                    Assert.Equal(check.Reason, testcase["error"]!.GetAttribute("message"));
                    break;
                case Outcome.NotApplicable or Outcome.Skipped:
                    Assert.Equal(["skipped"], present);
                    Assert.Contains(check.Reason!, testcase["skipped"]!.GetAttribute("message"));
                    break;
                case Outcome.Warn or Outcome.Info:
                    Assert.Empty(present);
                    Assert.Contains(check.Reason!, testcase["system-out"]!.InnerText);
                    break;
                default:
                    Assert.Empty(present);
                    Assert.Null(testcase["system-out"]);
                    break;
            }
        }
    }

    [Fact]
    public void Hostile_text_survives_as_text_without_invalid_characters()
    {
        var raw = File.ReadAllText(_dir.File("junit.xml"));
        Assert.DoesNotContain(SampleResults.ControlChar, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleResults.Script, raw);   // encoded as &lt;script&gt;

        var failure = Testcase(_document.Checks.Single(c => c.Id == "filter.eq.case-insensitive"))["failure"]!;
        Assert.Contains(SampleResults.Script + " " + SampleResults.CdataEnd, failure.InnerText);
        Assert.Contains("found nothing | expected one\nsecond line", failure.GetAttribute("message"));
        Assert.Contains("HTTP: GET /Users → 200", failure.InnerText);
    }

    [Fact]
    public void Testcase_names_carry_id_and_title()
    {
        var names = Nodes("//testcase").Select(t => t.GetAttribute("name")).ToHashSet();
        foreach (var check in _document.Checks) Assert.Contains($"{check.Id} — {check.Title}", names);
    }

    private XmlElement Testcase(CheckResult check) =>
        Nodes("//testcase").Single(t => t.GetAttribute("name").StartsWith(check.Id + " —", StringComparison.Ordinal));

    private static string? Property(XmlElement testcase, string name) =>
        testcase.SelectSingleNode($"properties/property[@name='{name}']/@value")?.Value;

    private List<XmlElement> Nodes(string xpath) => [.. _xml.SelectNodes(xpath)!.Cast<XmlElement>()];
}
