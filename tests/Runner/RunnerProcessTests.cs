using System.Text.Json;
using Scim.Conformance.ReferenceServer;
using Scim.Conformance.Reports.Model;
using Scim.Conformance.Runner;
using Scim.Conformance.Suites.Kit;
using Scim.Conformance.Tests.Support;
using Xunit;

namespace Scim.Conformance.Tests.Runner;

/// <summary>The command-line program as a new user meets it: exit codes, one-line errors, the reports it writes,
/// and no secret in any of them.</summary>
public class RunnerProcessTests : IDisposable
{
    private readonly TempDirectory _dir = new("scim-runner-");

    [Fact]
    public async Task The_default_run_passes_against_the_embedded_server_and_writes_every_report()
    {
        var result = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string>(), "--out", "report");

        Assert.True(result.ExitCode == ExitCodes.Conforms, result.StdOut + result.StdErr);
        var report = Path.Combine(_dir.Path, "report");
        foreach (var file in new[] { "result.json", "report.html", "junit.xml", "summary.md", "ctrf.json" })
            Assert.True(File.Exists(Path.Combine(report, file)), $"{file} was not written");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(report, "allure-results"), "*-result.json"));
        var document = ResultJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(report, "result.json"), TestContext.Current.CancellationToken));
        Assert.Equal(CheckCatalog.All.Count, document.Checks.Count);
        Assert.DoesNotContain(document.Checks, c => c.Outcome is Outcome.Fail or Outcome.Error);
        Assert.True(document.Target.Embedded);
        var html = await File.ReadAllTextAsync(Path.Combine(report, "report.html"), TestContext.Current.CancellationToken);
        Assert.All(CheckCatalog.All, c => Assert.Contains(c.Id, html));
    }

    [Fact]
    public async Task A_faulty_server_reached_by_url_exits_1_with_the_fault_explained_and_no_secret_anywhere()
    {
        var token = "tok-" + Guid.NewGuid().ToString("N");
        await using var server = await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Token = token, Faults = ["spc-without-etag"] },
            TestContext.Current.CancellationToken);
        var environment = new Dictionary<string, string> { ["VENDOR_SCIM_TOKEN"] = token };

        var result = await RunnerProcess.RunAsync(_dir.Path, environment,
            "run", "--base-url", server.BaseUrl.ToString(), "--token-env", "VENDOR_SCIM_TOKEN", "--out", "out");

        Assert.Equal(ExitCodes.ConformanceFailures, result.ExitCode);
        var document = ResultJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(_dir.Path, "out", "result.json"), TestContext.Current.CancellationToken));
        var etag = document.Checks.Single(c => c.Id == "discovery.spc.etag");
        Assert.Equal(Outcome.Fail, etag.Outcome);
        Assert.Contains("etag", etag.Reason);
        Assert.Contains("absent", etag.Actual);
        Assert.DoesNotContain(token, result.StdOut + result.StdErr);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_dir.Path, "out"), "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(token, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unreachable_target_exits_3_with_one_line()
    {
        var result = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string>(), "run", "--base-url", "http://127.0.0.1:9");
        Assert.Equal(ExitCodes.TargetUnreachableOrHarnessError, result.ExitCode);
        var line = Assert.Single(RunnerProcess.Lines(result));
        Assert.Contains("unreachable", line);
        Assert.DoesNotContain("   at ", result.StdOut + result.StdErr);
        // The reports are written all the same: every check an Error with the reason.
        var document = ResultJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(_dir.Path, "conformance-report", "result.json"), TestContext.Current.CancellationToken));
        Assert.All(document.Checks, c => Assert.Equal(Outcome.Error, c.Outcome));
        Assert.All(document.Checks, c => Assert.Contains("unreachable", c.Reason));
        Assert.True(File.Exists(Path.Combine(_dir.Path, "conformance-report", "junit.xml")));
    }

    [Fact]
    public async Task A_broken_targets_file_exits_2_naming_the_file()
    {
        await File.WriteAllTextAsync(_dir.File("targets.json"), "{ \"targets\": ", TestContext.Current.CancellationToken);
        var result = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string>(), "run", "--target", "acme");
        Assert.Equal(ExitCodes.UsageOrConfiguration, result.ExitCode);
        var line = Assert.Single(RunnerProcess.Lines(result));
        Assert.Contains("targets.json", line);
    }

    [Fact]
    public async Task A_missing_token_variable_exits_2_naming_the_variable()
    {
        var result = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string>(),
            "run", "--base-url", "http://127.0.0.1:9", "--token-env", "SCIM_CONFORMANCE_TEST_NO_SUCH_VARIABLE");
        Assert.Equal(ExitCodes.UsageOrConfiguration, result.ExitCode);
        Assert.Contains("SCIM_CONFORMANCE_TEST_NO_SUCH_VARIABLE", Assert.Single(RunnerProcess.Lines(result)));
    }

    [Fact]
    public async Task An_unknown_option_exits_2_with_one_line()
    {
        var result = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string>(), "run", "--frobnicate");
        Assert.Equal(ExitCodes.UsageOrConfiguration, result.ExitCode);
        Assert.Single(RunnerProcess.Lines(result));
    }

    [Fact]
    public async Task List_prints_the_catalog_as_json()
    {
        var result = await RunnerProcess.RunAsync(_dir.Path, new Dictionary<string, string>(), "list", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        var ids = json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(CheckCatalog.All.Select(c => c.Id), ids);
        var first = json.RootElement[0];
        foreach (var member in new[] { "title", "area", "level", "references", "catalogRows" })
            Assert.True(first.TryGetProperty(member, out _), $"list entries lack {member}");
    }

    public void Dispose() => _dir.Dispose();
}
