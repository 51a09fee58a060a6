using System.Text.Json;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Reports.Renderers;
using Xunit;

using Scim.Conformance.Tests.Support;

namespace Scim.Conformance.Tests.Reports;

public sealed class AllureResultsRendererTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ResultDocument _document = SampleResults.EveryOutcome();

    public AllureResultsRendererTests() => new AllureResultsRenderer().Write(_document, _dir.Path);

    public void Dispose() => _dir.Dispose();

    private string ResultsDir => _dir.File("allure-results");

    [Fact]
    public void One_result_file_per_check_named_by_its_uuid()
    {
        var files = Directory.GetFiles(ResultsDir, "*-result.json");
        Assert.Equal(_document.Checks.Count, files.Length);
        foreach (var check in _document.Checks)
        {
            var uuid = AllureResultsRenderer.ResultUuid(_document, check);
            Assert.True(Guid.TryParse(uuid, out _), uuid);
            using var result = Read(check);
            Assert.Equal(uuid, result.RootElement.GetProperty("uuid").GetString());
        }
        Assert.Equal(_document.Checks.Count,
            _document.Checks.Select(c => AllureResultsRenderer.ResultUuid(_document, c)).Distinct().Count());
    }

    [Theory]
    [InlineData(Outcome.Pass, "passed")]
    [InlineData(Outcome.Fail, "failed")]
    [InlineData(Outcome.Warn, "passed")]
    [InlineData(Outcome.Info, "passed")]
    [InlineData(Outcome.NotApplicable, "skipped")]
    [InlineData(Outcome.Skipped, "skipped")]
    [InlineData(Outcome.Error, "broken")]
    public void Each_outcome_has_its_allure_status(Outcome outcome, string status)
    {
        var checks = _document.Checks.Where(c => c.Outcome == outcome).ToList();
        Assert.NotEmpty(checks);
        foreach (var check in checks)
        {
            using var result = Read(check);
            var root = result.RootElement;
            Assert.Equal(status, root.GetProperty("status").GetString());
            Assert.Equal("finished", root.GetProperty("stage").GetString());
            Assert.Equal(outcome.ToString(), Labels(root, "outcome").Single());
            var details = root.GetProperty("statusDetails");
            if (outcome == Outcome.Pass)
                Assert.False(details.TryGetProperty("message", out _));
            else
                Assert.Equal($"{OutcomeText.Label(outcome)}: {check.Reason}", details.GetProperty("message").GetString());
        }
    }

    [Fact]
    public void Labels_name_suite_severity_and_tags()
    {
        using var result = Read(Check("filter.eq.case-insensitive"));
        var root = result.RootElement;
        Assert.Equal(["SCIM conformance"], Labels(root, "parentSuite"));
        Assert.Equal(["filters"], Labels(root, "suite"));
        Assert.Equal(["critical"], Labels(root, "severity"));
        Assert.Equal(["filter"], Labels(root, "tag"));

        using var warn = Read(Check("lifecycle.create.location-header"));
        Assert.Equal(["normal"], Labels(warn.RootElement, "severity"));
        using var info = Read(Check("lifecycle.etag.weak"));
        Assert.Equal(["minor"], Labels(info.RootElement, "severity"));
    }

    [Fact]
    public void History_ids_are_stable_per_check_and_differ_between_checks()
    {
        var ids = _document.Checks.Select(c =>
        {
            using var result = Read(c);
            var history = result.RootElement.GetProperty("historyId").GetString()!;
            Assert.Equal(history, result.RootElement.GetProperty("testCaseId").GetString());
            return history;
        }).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());

        // A later run of the same checks: other uuids, same history ids.
        var later = _document with { StartedAt = _document.StartedAt.AddDays(1) };
        foreach (var check in _document.Checks)
        {
            Assert.NotEqual(AllureResultsRenderer.ResultUuid(_document, check), AllureResultsRenderer.ResultUuid(later, check));
            Assert.Equal(AllureResultsRenderer.HistoryId(check), AllureResultsRenderer.HistoryId(check with { Outcome = Outcome.Fail }));
        }
    }

    [Fact]
    public void Times_are_epoch_milliseconds()
    {
        using var result = Read(Check("lifecycle.create.location-header"));
        var root = result.RootElement;
        var exchangeStart = SampleResults.Start.AddSeconds(2).ToUnixTimeMilliseconds();
        Assert.Equal(exchangeStart, root.GetProperty("start").GetInt64());
        Assert.Equal(exchangeStart + 125, root.GetProperty("stop").GetInt64());

        using var noExchange = Read(Check("lifecycle.etag.weak"));
        Assert.Equal(SampleResults.Start.ToUnixTimeMilliseconds(), noExchange.RootElement.GetProperty("start").GetInt64());
    }

    [Fact]
    public void Each_exchange_is_a_step_and_the_exchanges_are_one_attachment()
    {
        var check = Check("filter.eq.case-insensitive");
        using var result = Read(check);
        var steps = result.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(check.Exchanges.Count, steps.Count);
        Assert.Equal("GET /Users?filter=userName%20eq%20%22ALICE%22 → 200", steps[0].GetProperty("name").GetString());
        Assert.Equal("GET /Users → 200", steps[1].GetProperty("name").GetString());

        var attachment = Assert.Single(result.RootElement.GetProperty("attachments").EnumerateArray().ToList());
        Assert.Equal("HTTP exchanges", attachment.GetProperty("name").GetString());
        var source = attachment.GetProperty("source").GetString()!;
        Assert.EndsWith("-attachment.txt", source);
        var text = File.ReadAllText(Path.Combine(ResultsDir, source));
        Assert.Contains("GET " + SampleResults.BaseUrl + "/Users?filter=", text);
        Assert.Contains(SampleResults.Script + SampleResults.CdataEnd, text);
        Assert.Contains(SampleResults.LargeBodyEnd + "\n\n[body truncated; the whole body was 5242880 bytes]\n", text);
        Assert.True(text.IndexOf("### 1.", StringComparison.Ordinal) < text.IndexOf("### 2.", StringComparison.Ordinal), "exchanges in order");

        using var error = Read(Check("errors.timeout.users-list"));
        var errorStep = error.RootElement.GetProperty("steps")[0];
        Assert.Equal("broken", errorStep.GetProperty("status").GetString());
        Assert.Equal("timeout after 30 s", errorStep.GetProperty("statusDetails").GetProperty("message").GetString());
    }

    [Fact]
    public void Description_links_and_parameters_describe_the_check()
    {
        var check = Check("filter.eq.case-insensitive");
        using var result = Read(check);
        var root = result.RootElement;
        var description = root.GetProperty("description").GetString()!;
        Assert.Contains("**MUST** Filters on caseExact=false attributes MUST compare case-insensitively.", description);
        Assert.Contains("```text\n1 result\n```", description);
        // Server text reaches the Markdown description only inside a code fence, where it cannot become markup.
        Assert.Contains("```text\n0 results, body: " + SampleResults.Script, description);
        Assert.Single(description.Split(SampleResults.Script)[1..]);
        // The baseline expects this failure: a known issue in Allure's terms.
        Assert.True(root.GetProperty("statusDetails").GetProperty("known").GetBoolean());
        using var regression = Read(Check("discovery.schemas.core-user"));
        Assert.False(regression.RootElement.GetProperty("statusDetails").TryGetProperty("known", out _));

        var link = root.GetProperty("links").EnumerateArray().Single();
        Assert.Equal("RFC7644 §3.4.2.2", link.GetProperty("name").GetString());
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc7644#section-3.4.2.2", link.GetProperty("url").GetString());

        var parameters = root.GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString());
        Assert.Equal("vendor-sandbox", parameters["target"]);
    }

    [Fact]
    public void Environment_properties_identify_the_run_without_credentials()
    {
        var secretive = _document with { Target = _document.Target with { BaseUrl = "http://admin:s3cret@127.0.0.1:5000/scim/v2" } };
        using var dir = new TempDirectory();
        new AllureResultsRenderer().Write(secretive, dir.Path);
        var properties = File.ReadAllText(Path.Combine(dir.Path, "allure-results", "environment.properties"));

        Assert.Contains("target=vendor-sandbox\n", properties);
        Assert.Contains("base.url=http\\://127.0.0.1\\:5000/scim/v2\n", properties);
        Assert.Contains("profile=strict\n", properties);
        Assert.Contains("tool.version=0.1.0-test\n", properties);
        Assert.DoesNotContain("s3cret", properties);
        Assert.DoesNotContain("admin", properties);
    }

    [Fact]
    public void Writing_again_replaces_the_previous_run()
    {
        new AllureResultsRenderer().Write(SampleResults.AllPass(), _dir.Path);
        Assert.Equal(2, Directory.GetFiles(ResultsDir, "*-result.json").Length);
        Assert.Empty(Directory.GetFiles(ResultsDir, "*-attachment.txt"));   // AllPass records no exchange
    }

    private CheckResult Check(string id) => _document.Checks.Single(c => c.Id == id);

    private JsonDocument Read(CheckResult check) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ResultsDir, AllureResultsRenderer.ResultUuid(_document, check) + "-result.json")));

    private static List<string?> Labels(JsonElement result, string name) =>
        [.. result.GetProperty("labels").EnumerateArray()
            .Where(l => l.GetProperty("name").GetString() == name)
            .Select(l => l.GetProperty("value").GetString())];
}
