using System.Text.Json;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Xunit;

using Scim.Conformance.Tests.Support;

namespace Scim.Conformance.Tests.Reports;

public sealed class CtrfReportRendererTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ResultDocument _document = SampleResults.EveryOutcome();
    private readonly JsonDocument _json;

    public CtrfReportRendererTests()
    {
        new CtrfReportRenderer().Write(_document, _dir.Path);
        _json = JsonDocument.Parse(File.ReadAllText(_dir.File("ctrf.json")));
    }

    public void Dispose()
    {
        _json.Dispose();
        _dir.Dispose();
    }

    private JsonElement Results => _json.RootElement.GetProperty("results");

    [Fact]
    public void Root_declares_the_format()
    {
        Assert.Equal("CTRF", _json.RootElement.GetProperty("reportFormat").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", _json.RootElement.GetProperty("specVersion").GetString());
        Assert.True(Guid.TryParse(_json.RootElement.GetProperty("reportId").GetString(), out _));
        Assert.Equal("2026-11-23T10:00:42.000Z", _json.RootElement.GetProperty("timestamp").GetString());
        Assert.Equal("scim-conformance", Results.GetProperty("tool").GetProperty("name").GetString());
        Assert.Equal("0.1.0-test", Results.GetProperty("tool").GetProperty("version").GetString());
    }

    [Fact]
    public void Summary_counts_and_times_match()
    {
        var summary = Results.GetProperty("summary");
        Assert.Equal(8, summary.GetProperty("tests").GetInt32());
        Assert.Equal(3, summary.GetProperty("passed").GetInt32());    // Pass, Warn, Info
        Assert.Equal(2, summary.GetProperty("failed").GetInt32());
        Assert.Equal(2, summary.GetProperty("skipped").GetInt32());   // NotApplicable, Skipped
        Assert.Equal(0, summary.GetProperty("pending").GetInt32());
        Assert.Equal(1, summary.GetProperty("other").GetInt32());     // Error
        Assert.Equal(SampleResults.Start.ToUnixTimeMilliseconds(), summary.GetProperty("start").GetInt64());
        Assert.Equal(SampleResults.Start.AddSeconds(42).ToUnixTimeMilliseconds(), summary.GetProperty("stop").GetInt64());
    }

    [Theory]
    [InlineData(Outcome.Pass, "passed")]
    [InlineData(Outcome.Fail, "failed")]
    [InlineData(Outcome.Warn, "passed")]
    [InlineData(Outcome.Info, "passed")]
    [InlineData(Outcome.NotApplicable, "skipped")]
    [InlineData(Outcome.Skipped, "skipped")]
    [InlineData(Outcome.Error, "other")]
    public void Each_outcome_has_its_status_and_keeps_the_exact_outcome_in_extra(Outcome outcome, string status)
    {
        var checks = _document.Checks.Where(c => c.Outcome == outcome).ToList();
        Assert.NotEmpty(checks);
        foreach (var check in checks)
        {
            var test = Results.GetProperty("tests").EnumerateArray()
                .Single(t => t.GetProperty("extra").GetProperty("checkId").GetString() == check.Id);
            Assert.Equal(status, test.GetProperty("status").GetString());
            Assert.Equal($"{check.Id} — {check.Title}", test.GetProperty("name").GetString());
            Assert.Equal(125, test.GetProperty("duration").GetInt64());
            var extra = test.GetProperty("extra");
            Assert.Equal(outcome.ToString(), extra.GetProperty("outcome").GetString());
            Assert.Equal(check.Level.Keyword(), extra.GetProperty("level").GetString());
            Assert.Equal(check.Area, extra.GetProperty("area").GetString());
            Assert.Equal(check.References, extra.GetProperty("references").EnumerateArray().Select(r => r.GetString()));
            if (check.Reason is not null) Assert.Equal(check.Reason, test.GetProperty("message").GetString());
            else Assert.False(test.TryGetProperty("message", out _));
        }
    }

    [Fact]
    public void Tests_use_only_members_the_ctrf_schema_allows()
    {
        // The CTRF schema sets additionalProperties: false on every object it defines.
        string[] allowed = ["id", "name", "status", "duration", "start", "stop", "suite", "message", "trace", "snippet", "ai",
            "line", "rawStatus", "tags", "labels", "type", "filePath", "retries", "retryAttempts", "flaky", "stdout", "stderr",
            "threadId", "browser", "device", "screenshot", "attachments", "parameters", "steps", "insights", "extra"];
        foreach (var test in Results.GetProperty("tests").EnumerateArray())
            Assert.All(test.EnumerateObject(), p => Assert.Contains(p.Name, allowed));
        Assert.All(_json.RootElement.EnumerateObject(), p => Assert.Contains(p.Name,
            new[] { "reportFormat", "specVersion", "reportId", "timestamp", "generatedBy", "extra", "results", "insights", "baseline" }));
        Assert.All(Results.EnumerateObject(), p => Assert.Contains(p.Name, new[] { "tool", "summary", "tests", "environment", "extra" }));
        Assert.All(Results.GetProperty("summary").EnumerateObject(), p => Assert.Contains(p.Name, new[]
            { "tests", "passed", "failed", "skipped", "pending", "other", "flaky", "suites", "start", "stop", "duration", "extra" }));
        Assert.All(Results.GetProperty("environment").EnumerateObject(), p => Assert.Contains(p.Name, new[]
            { "reportName", "appName", "appVersion", "buildName", "testEnvironment", "osPlatform", "extra" }));
    }

    [Fact]
    public void Hostile_text_round_trips_as_data()
    {
        var test = Results.GetProperty("tests").EnumerateArray()
            .Single(t => t.GetProperty("extra").GetProperty("checkId").GetString() == "filter.eq.case-insensitive");
        Assert.Contains(SampleResults.Script + " " + SampleResults.CdataEnd + SampleResults.ControlChar,
            test.GetProperty("extra").GetProperty("actual").GetString());
    }
}
